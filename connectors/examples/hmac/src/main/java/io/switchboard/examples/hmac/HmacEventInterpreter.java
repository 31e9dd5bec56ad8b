package io.switchboard.examples.hmac;

import com.google.gson.JsonElement;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.PhoneNumbers;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.RecordContactActivity;
import io.switchboard.connector.command.Severity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a stored event into a timeline entry on the contact its JSON names, or an incident when it names
 * none, in both cases carrying the event's JSON. Pure: the same delivery and settings give the same result.
 */
final class HmacEventInterpreter {

    /** The incident kind when the configured paths find no contact in an event. */
    static final String NO_CONTACT_INCIDENT = "hmac.contact_not_found";
    /** Prefix of the timeline entry's kind; the event type follows. */
    static final String ACTIVITY_KIND_PREFIX = "hmac.";
    private static final Pattern UNSAFE_KIND_CHARACTERS = Pattern.compile("[^a-z0-9._-]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private HmacEventInterpreter() {}

    static Interpretation interpret(StoredDelivery delivery, HmacSettings settings) {
        if (!settings.contactEmailPath().isSet() && !settings.contactPhonePath().isSet()) {
            return Interpretation.ignore("no contact paths are configured: the event is stored only");
        }
        Optional<JsonElement> json = StrictJson.parse(delivery.payload());
        if (json.isEmpty()) {
            return Interpretation.fail("the stored event is not JSON");
        }
        Map<String, Object> event = JsonValues.asMap(json.get());
        String email = settings.contactEmailPath().text(json.get()).filter(v -> EMAIL.matcher(v).matches()).orElse("");
        String phone = settings.contactPhonePath().text(json.get()).flatMap(v -> PhoneNumbers.toE164(v, "")).orElse("");
        if (email.isEmpty() && phone.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("eventType", delivery.eventType());
            details.put("dedupeKey", delivery.dedupeKey());
            details.put("contactEmailPath", settings.contactEmailPath().toString());
            details.put("contactPhonePath", settings.contactPhonePath().toString());
            details.put("event", event);
            return Interpretation.apply(new LogIncident(NO_CONTACT_INCIDENT, Severity.WARNING,
                    "A " + delivery.eventType() + " webhook names no contact at the configured paths", details));
        }
        return Interpretation.apply(new RecordContactActivity(new ContactRef(email, phone), activityKind(delivery),
                "Webhook event " + delivery.eventType(), event, delivery.occurredAt()));
    }

    /** A stable machine name for the timeline: the prefix and the event type, reduced to safe characters. */
    static String activityKind(StoredDelivery delivery) {
        String type = delivery.eventType().toLowerCase(Locale.ROOT);
        return ACTIVITY_KIND_PREFIX + UNSAFE_KIND_CHARACTERS.matcher(type).replaceAll("_");
    }
}
