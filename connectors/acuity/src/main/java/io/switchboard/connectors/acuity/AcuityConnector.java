package io.switchboard.connectors.acuity;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.connector.command.BookingStatus;
import io.switchboard.connector.command.RecordBooking;
import io.switchboard.connectors.acuity.AcuityNotification.MalformedNotificationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.pf4j.Extension;

/**
 * Acuity Scheduling webhooks: appointments booked, moved and cancelled, with their intake forms.
 *
 * <p><b>Verification.</b> {@code X-Acuity-Signature} is the base64 HMAC-SHA256 of the raw body keyed with
 * the tenant's API key. Acuity posts {@code application/x-www-form-urlencoded} ({@code action}, {@code id},
 * {@code calendarID}, {@code appointmentTypeID}); the same fields as JSON are accepted too.
 *
 * <p><b>Dedupe key.</b> Acuity sends neither an event id nor a timestamp, and retries a failed delivery
 * with an identical body; yet two real reschedules of one appointment also produce identical bodies. A key
 * of id and action alone would therefore swallow the second reschedule forever. The key is
 * {@code <id>:<action>:<minute received>} (epoch seconds / 60): retries within the same minute collapse into
 * one delivery, and a later identical body is stored again. Storing it again is harmless and never loses
 * state, because interpretation does not trust the body: it reads the appointment's current state from the
 * API, so a duplicate yields the same booking and a later change is always seen.
 *
 * <p><b>Interpretation.</b> {@code GET {apiBaseUrl}/api/v1/appointments/{id}} with HTTP Basic (the
 * tenant's {@code userId} and {@code apiKey}). This also proves that the appointment exists: an id Acuity
 * does not know fails the delivery (dead letter and incident), and no booking is created. Refused
 * credentials fail too, since retrying cannot fix them; an unreachable, failing or rate-limited API is
 * retried. Orders ({@code order.completed}) are stored and ignored.
 */
@Extension
public final class AcuityConnector implements WebhookConnector {

    /** The connection's provider id and webhook path segment. */
    public static final String PROVIDER_ID = "acuity";
    /** Secret: the Acuity API key, which both signs webhooks and authenticates API calls. */
    public static final String API_KEY = "apiKey";
    /** Setting: the Acuity user id, the user name of API calls. */
    public static final String USER_ID = "userId";
    /** Setting: intake field name to contact field. */
    public static final String FIELD_MAPPING = "fieldMapping";
    /** Setting: the country calling code applied to national phone numbers. */
    public static final String DEFAULT_COUNTRY_CODE = "defaultCountryCode";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            PROVIDER_ID,
            "Acuity Scheduling",
            "Records Acuity Scheduling bookings, reschedules and cancellations on the matching event, with the"
                    + " intake form answers.",
            List.of(
                    ConfigField.secret(API_KEY, "API key",
                            "Acuity API key (Integrations > API). It signs the webhooks and authenticates the"
                                    + " calls that read appointments back."),
                    ConfigField.setting(USER_ID, "User ID",
                            "Acuity numeric user ID, shown next to the API key.", FieldType.TEXT),
                    ConfigField.optionalSetting(FIELD_MAPPING, "Intake field mapping",
                            "Intake form field name (or field ID) to contact field: firstName, lastName, phone,"
                                    + " or any other name to keep the answer as a contact attribute.",
                            FieldType.STRING_MAP),
                    ConfigField.optionalSetting(DEFAULT_COUNTRY_CODE, "Default country calling code",
                            "Calling code added to phone numbers entered without one, for example 33 for France.",
                            FieldType.TEXT)),
            Arrays.stream(AcuityAction.values()).filter(a -> a != AcuityAction.TEST_EVENT)
                    .map(AcuityAction::eventType).toList(),
            URI.create("https://acuityscheduling.com"),
            List.of());

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        Optional<String> apiKey = context.config().secret(API_KEY);
        if (apiKey.isEmpty()) {
            return Verification.rejected("no Acuity API key configured");
        }
        Optional<String> signature = request.header(AcuitySignatureVerifier.HEADER);
        if (signature.isEmpty()) {
            return Verification.rejected("missing " + AcuitySignatureVerifier.HEADER);
        }
        byte[] body = request.body();
        if (!AcuitySignatureVerifier.isValid(body, signature.get(), apiKey.get())) {
            return Verification.rejected("invalid " + AcuitySignatureVerifier.HEADER);
        }
        AcuityNotification notification;
        try {
            notification = switch (request.mediaType()) {
                case "application/x-www-form-urlencoded" -> AcuityNotification.fromForm(body);
                case "application/json" -> AcuityNotification.fromJson(body);
                default -> throw new MalformedNotificationException("unsupported content type");
            };
        } catch (MalformedNotificationException e) {
            return Verification.rejected(e.getMessage());
        }
        Instant now = context.clock().instant();
        return Verification.verified(new ReceivedEvent(
                dedupeKey(notification, now), notification.action().eventType(), now, body));
    }

    /** {@code <id>:<action>:<minute received>}; see the class comment for why. */
    static String dedupeKey(AcuityNotification notification, Instant receivedAt) {
        long minute = Math.floorDiv(receivedAt.getEpochSecond(), 60);
        return notification.id() + ":" + notification.action().wireName() + ":" + minute;
    }

    /**
     * A form-encoded notification like Acuity's, signed with the tenant's API key, whose action is
     * {@code switchboard.test_event}: interpret ignores it before any call to the Acuity API. The id is random,
     * so each test is a new delivery.
     */
    @Override
    public Optional<InboundRequest> testRequest(String webhookUrl, ConnectorContext context) {
        Optional<String> apiKey = context.config().secret(API_KEY);
        if (apiKey.isEmpty()) {
            return Optional.empty();
        }
        long id = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000_000_000L);
        byte[] body = ("action=" + AcuityAction.TEST_EVENT.wireName() + "&id=" + id + "&calendarID=&appointmentTypeID=")
                .getBytes(StandardCharsets.UTF_8);
        return Optional.of(new InboundRequest("POST", webhookUrl, Map.of(),
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded"),
                        AcuitySignatureVerifier.HEADER, List.of(AcuitySignatureVerifier.sign(body, apiKey.get())),
                        "User-Agent", List.of("Switchboard test event")),
                body));
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        Optional<AcuityAction> action = AcuityAction.fromEventType(delivery.eventType());
        if (action.isEmpty()) {
            return Interpretation.ignore("event type " + delivery.eventType() + " is not handled");
        }
        if (action.get() == AcuityAction.TEST_EVENT) {
            return Interpretation.ignore("test event");
        }
        if (!action.get().isAppointment()) {
            return Interpretation.ignore("Acuity orders are not recorded");
        }
        AcuityNotification notification;
        try {
            notification = AcuityNotification.fromStored(delivery.payload());
        } catch (MalformedNotificationException e) {
            return Interpretation.fail("stored Acuity notification is unreadable: " + e.getMessage());
        }
        ConnectorConfig config = context.config();
        Optional<String> userId = config.setting(USER_ID);
        Optional<String> apiKey = config.secret(API_KEY);
        if (userId.isEmpty() || apiKey.isEmpty()) {
            return Interpretation.fail("the Acuity connection needs both userId and apiKey to read appointments");
        }
        long id = notification.id();
        AppointmentLookup lookup = AcuityAppointmentClient.fetch(id, userId.get(), apiKey.get(), context);
        if (lookup instanceof AppointmentLookup.Found found) {
            return toBooking(found, notification, delivery, context);
        }
        if (lookup instanceof AppointmentLookup.NotFound) {
            return Interpretation.fail("appointment " + id + " does not exist at Acuity");
        }
        if (lookup instanceof AppointmentLookup.Refused refused) {
            return Interpretation.fail("Acuity refused the connection's credentials (HTTP " + refused.status()
                    + "): check userId and apiKey");
        }
        if (lookup instanceof AppointmentLookup.Unavailable unavailable) {
            return new Interpretation.Retry(unavailable.reason(), unavailable.notBefore());
        }
        return Interpretation.fail(((AppointmentLookup.Unusable) lookup).reason());
    }

    private static Interpretation toBooking(
            AppointmentLookup.Found found, AcuityNotification notification, StoredDelivery delivery,
            ConnectorContext context) {
        ConnectorConfig config = context.config();
        Optional<RecordBooking> booking = AcuityBookingMapper.toBooking(
                found.appointment(),
                notification,
                config.mapSetting(FIELD_MAPPING),
                config.setting(DEFAULT_COUNTRY_CODE).map(String::trim).orElse(""),
                delivery.occurredAt());
        if (booking.isEmpty()) {
            return Interpretation.fail("appointment " + notification.id() + " has neither an email nor a phone number");
        }
        if (notification.action() == AcuityAction.CANCELED
                && booking.get().status() != BookingStatus.CANCELLED) {
            context.log().warn("Acuity sent canceled for appointment {} but the API shows it active; recording"
                    + " the API's state", notification.id());
        }
        return Interpretation.apply(booking.get());
    }
}
