package io.switchboard.connectors.facebook;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parses a JSON document strictly. Gson's {@code JsonParser} is lenient (it accepts {@code abc} as a
 * string, single quotes, trailing garbage), which would let a body that is not JSON through as "JSON".
 */
final class StrictJson {

    private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

    private StrictJson() {}

    /** The document as an object, or empty when it is not exactly one well-formed JSON object. */
    static Optional<JsonObject> parseObject(byte[] utf8) {
        return parseObject(new String(utf8, StandardCharsets.UTF_8));
    }

    /** The text as an object, or empty when it is not exactly one well-formed JSON object. */
    static Optional<JsonObject> parseObject(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = ELEMENTS.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT || element == null || !element.isJsonObject()) {
                return Optional.empty();
            }
            return Optional.of(element.getAsJsonObject());
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A member as a string when it is a JSON string or number, else empty. */
    static Optional<String> text(JsonObject object, String member) {
        JsonElement value = object.get(member);
        if (value == null || !value.isJsonPrimitive()) {
            return Optional.empty();
        }
        if (!value.getAsJsonPrimitive().isString() && !value.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        String text = value.getAsString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A member as a whole number when it is a JSON number or a numeric string, else empty. */
    static Optional<Long> number(JsonObject object, String member) {
        return text(object, member).flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** A member as an object, else empty. */
    static Optional<JsonObject> object(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value != null && value.isJsonObject() ? Optional.of(value.getAsJsonObject()) : Optional.empty();
    }
}
