package io.switchboard.connectors.acuity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Reads the loosely typed fields of Acuity's appointment JSON (numbers, strings, "yes"/"no", nulls). */
final class AppointmentJson {

    // Acuity writes offsets without a colon (2026-09-26T10:00:00+0200); accept the ISO form too.
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter(Locale.ROOT);

    private AppointmentJson() {}

    /** A primitive field as text; empty when absent, null or not a primitive. */
    static String text(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value instanceof JsonPrimitive primitive ? primitive.getAsString().trim() : "";
    }

    /** A boolean field; Acuity uses JSON booleans for some flags and "yes"/"no" or 1/0 for others. */
    static boolean flag(JsonObject json, String name) {
        JsonElement value = json.get(name);
        if (!(value instanceof JsonPrimitive primitive)) {
            return false;
        }
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        String text = primitive.getAsString().trim().toLowerCase(Locale.ROOT);
        return text.equals("true") || text.equals("yes") || text.equals("1");
    }

    /** A date-time with offset, such as the appointment's {@code datetime}; empty when absent or unreadable. */
    static Optional<Instant> instant(JsonObject json, String name) {
        String text = text(json, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DATETIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
