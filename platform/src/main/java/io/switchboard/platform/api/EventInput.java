package io.switchboard.platform.api;

import io.switchboard.platform.notify.MessageTemplate;
import io.switchboard.platform.notify.TemplateStore;
import io.switchboard.platform.notify.TemplateValidation;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an event's JSON body (create or patch) into the columns to write, with every problem listed per field.
 * A patch changes only the fields it names; {@code null} clears an optional field.
 */
final class EventInput {

    static final String NAME = "name";
    static final String STARTS_AT = "starts_at";
    static final String PAYMENT_LINK = "stripe_payment_link_id";
    static final String APPOINTMENT_TYPE = "acuity_appointment_type_id";
    static final String TEMPLATES = "notification_templates";

    /** The API field of each column, for audit entries. */
    static final Map<String, String> FIELDS = Map.of(NAME, "name", STARTS_AT, "startsAt", PAYMENT_LINK,
            "stripePaymentLinkId", APPOINTMENT_TYPE, "acuityAppointmentTypeId", TEMPLATES, "notificationTemplates");

    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt");
    private static final String PROVIDER_ID = "[A-Za-z0-9_-]{1,100}";
    private static final String TEMPLATE_KEY = "[a-z][a-z0-9_]*(\\.[a-z0-9_]+){0,4}";
    private static final int MAX_TEMPLATES = 50;

    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    private EventInput() {}

    /**
     * The columns to write, by column name: text, a timestamp, or (for notification_templates) a map to store as
     * jsonb. Throws a validation problem listing every invalid field.
     *
     * @param creating whether this is a new event (name required, absent fields take their defaults)
     */
    static Map<String, Object> columns(JsonNode body, boolean creating) {
        EventInput input = new EventInput();
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(Map.of("body", "must be a JSON object"));
        }
        input.read(body, creating);
        if (!input.errors.isEmpty()) {
            throw ApiException.invalid(input.errors);
        }
        return input.columns;
    }

    private void read(JsonNode body, boolean creating) {
        for (String field : body.propertyNames()) {
            if (!READ_ONLY.contains(field) && !FIELDS.containsValue(field)) {
                errors.put(field, "is not a field of an event");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            if (creating || name != null) {
                errors.put("name", "is required");
            }
        } else if (!name.isString() || name.asString().isBlank()) {
            errors.put("name", "must be a non-empty text");
        } else if (name.asString().length() > 200) {
            errors.put("name", "must be at most 200 characters");
        } else {
            columns.put(NAME, name.asString().trim());
        }
        if (body.has("startsAt")) {
            startsAt(body.get("startsAt"));
        }
        providerId(body, "stripePaymentLinkId", PAYMENT_LINK);
        providerId(body, "acuityAppointmentTypeId", APPOINTMENT_TYPE);
        if (body.has("notificationTemplates")) {
            templates(body.get("notificationTemplates"));
        }
    }

    private void startsAt(JsonNode value) {
        if (value.isNull()) {
            columns.put(STARTS_AT, null);
            return;
        }
        try {
            if (!value.isString()) {
                throw new DateTimeParseException("not text", value.toString(), 0);
            }
            OffsetDateTime at = OffsetDateTime.parse(value.asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            columns.put(STARTS_AT, Timestamp.from(at.toInstant()));
        } catch (DateTimeParseException e) {
            errors.put("startsAt", "must be an ISO-8601 time with an offset, such as 2026-09-26T08:00:00Z");
        }
    }

    private void providerId(JsonNode body, String field, String column) {
        if (!body.has(field)) {
            return;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            columns.put(column, null);
        } else if ((value.isString() || value.isIntegralNumber()) && value.asString().matches(PROVIDER_ID)) {
            columns.put(column, value.asString());
        } else {
            errors.put(field, "must be the provider's id: letters, digits, _ and -, at most 100");
        }
    }

    private void templates(JsonNode value) {
        if (value.isNull()) {
            columns.put(TEMPLATES, Map.of());
            return;
        }
        if (!value.isObject()) {
            errors.put("notificationTemplates", "must be an object of template key to template");
            return;
        }
        if (value.size() > MAX_TEMPLATES) {
            errors.put("notificationTemplates", "must hold at most " + MAX_TEMPLATES + " templates");
            return;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        for (String key : value.propertyNames()) {
            String at = "notificationTemplates." + key;
            JsonNode entry = value.get(key);
            if (!key.matches(TEMPLATE_KEY) || key.length() > 64) {
                errors.put(at, "the key must be dotted lower-case words, such as payment.confirmed");
            } else if (!entry.isObject() || !textFields(entry, at, "locale", "sms", "email")) {
                errors.putIfAbsent(at, "must be {\"locale\",\"sms\",\"email\":{\"subject\",\"html\",\"text\"}}");
            } else if (entry.has("email") && !entry.get("email").isNull()
                    && !textFields(entry.get("email"), at + ".email", "subject", "html", "text")) {
                errors.putIfAbsent(at + ".email", "must be {\"subject\",\"html\",\"text\"}");
            } else {
                MessageTemplate template = TemplateStore.fromJson(entry);
                TemplateValidation.validate(key, template).forEach((field, problem) -> errors.put(at + "." + field, problem));
                stored.put(key, shape(template));
            }
        }
        columns.put(TEMPLATES, stored);
    }

    /** Whether the object has only the named fields, each text or null; records the first offender. */
    private boolean textFields(JsonNode object, String at, String... allowed) {
        Set<String> names = Set.of(allowed);
        for (String field : object.propertyNames()) {
            JsonNode v = object.get(field);
            boolean nested = field.equals("email");
            if (!names.contains(field)) {
                errors.put(at + "." + field, "is not a template field");
                return false;
            }
            if (!v.isNull() && !(nested ? v.isObject() : v.isString())) {
                errors.put(at + "." + field, nested ? "must be an object" : "must be text");
                return false;
            }
        }
        return true;
    }

    /** The stored shape, the one the dispatcher reads: {@code {"locale","sms","email":{"subject","html","text"}}}. */
    static Map<String, Object> shape(MessageTemplate template) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("locale", template.locale());
        if (!template.sms().isEmpty()) {
            entry.put("sms", template.sms());
        }
        if (!template.emailSubject().isEmpty() || !template.emailHtml().isEmpty() || !template.emailText().isEmpty()) {
            entry.put("email", Map.of("subject", template.emailSubject(), "html", template.emailHtml(),
                    "text", template.emailText()));
        }
        return entry;
    }
}
