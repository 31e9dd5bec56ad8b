package io.switchboard.connectors.acuity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.switchboard.connector.FormBody;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What an Acuity webhook says: which action happened to which object. Acuity sends nothing else; the
 * appointment itself is read back from the API.
 *
 * @param action what happened
 * @param id the appointment id (the order id for {@link AcuityAction#ORDER_COMPLETED}), a positive number
 * @param calendarId the calendar's id, or empty
 * @param appointmentTypeId the appointment type's id, or empty
 */
record AcuityNotification(AcuityAction action, long id, String calendarId, String appointmentTypeId) {

    /** A body Acuity could not have sent. The message is safe to log: it never quotes the body. */
    static final class MalformedNotificationException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedNotificationException(String message) {
            super(message);
        }
    }

    /** Reads a form-encoded body: {@code action=scheduled&id=...&calendarID=...&appointmentTypeID=...}. */
    static AcuityNotification fromForm(byte[] body) throws MalformedNotificationException {
        Map<String, String> params;
        try {
            params = FormBody.parse(body).firstValues();
        } catch (IllegalArgumentException e) {
            throw new MalformedNotificationException("body is not valid form encoding");
        }
        return of(params.get("action"), params.get("id"), params.get("calendarID"), params.get("appointmentTypeID"));
    }

    /** Reads a JSON body with the same fields as the form; ids may be numbers or strings. */
    static AcuityNotification fromJson(byte[] body) throws MalformedNotificationException {
        JsonObject json;
        try {
            JsonElement root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                throw new MalformedNotificationException("JSON body is not an object");
            }
            json = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new MalformedNotificationException("body is not valid JSON");
        }
        return of(text(json, "action"), text(json, "id"), text(json, "calendarID"), text(json, "appointmentTypeID"));
    }

    /**
     * Reads a stored body, whose content type was not kept: a JSON body is an object, and a form body
     * cannot start with a brace because Acuity's parameter names are plain words.
     */
    static AcuityNotification fromStored(byte[] body) throws MalformedNotificationException {
        String text = new String(body, StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("{") ? fromJson(body) : fromForm(body);
    }

    private static AcuityNotification of(String rawAction, String rawId, String calendarId, String appointmentTypeId)
            throws MalformedNotificationException {
        if (rawAction == null || rawAction.isBlank()) {
            throw new MalformedNotificationException("no action");
        }
        AcuityAction action = AcuityAction.fromWire(rawAction)
                .orElseThrow(() -> new MalformedNotificationException("unknown action"));
        long id = positiveNumber(rawId)
                .orElseThrow(() -> new MalformedNotificationException("missing or non-numeric id"));
        return new AcuityNotification(action, id, clean(calendarId), clean(appointmentTypeId));
    }

    private static Optional<Long> positiveNumber(String raw) {
        if (raw == null || !raw.trim().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long value = Long.parseLong(raw.trim());
        return value > 0 ? Optional.of(value) : Optional.empty();
    }

    private static String clean(String value) {
        return value == null ? "" : value.trim();
    }

    private static String text(JsonObject json, String name) {
        JsonElement value = json.get(name);
        if (value instanceof JsonPrimitive primitive) {
            return primitive.getAsString();
        }
        return null;
    }
}
