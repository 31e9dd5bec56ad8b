package io.switchboard.connectors.stripe;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

/**
 * What verification needs from a Stripe event, read in one streaming pass instead of building the JSON tree
 * that {@link StripeEvent#parse} builds for interpretation.
 *
 * <p>The two must agree on every text, so that an event accepted here is one {@code interpret} can read, with
 * the same id as dedupe key. Hence: the same strict {@link JsonReader} settings as {@link JsonView#parse},
 * the same value rules ({@link JsonView#text(String)}, {@link JsonView#wholeNumber(String)}), and a member
 * repeated in an object counts with its last value, as in Gson's {@code JsonObject}.
 *
 * @param id the event id, trimmed, at most {@link StripeEvent#MAX_ID_LENGTH} characters
 * @param type the event type
 * @param created when Stripe created the event
 */
record StripeEnvelope(String id, String type, Instant created) {

    /**
     * Reads the envelope of an event from its JSON text.
     *
     * @return the envelope, or empty exactly when {@link StripeEvent#parse} finds no event in the text
     */
    static Optional<StripeEnvelope> read(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return Optional.empty();
            }
            Optional<String> id = Optional.empty();
            Optional<String> type = Optional.empty();
            Optional<Instant> created = Optional.empty();
            boolean hasObject = false;
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.nextName()) {
                    case "id" -> id = text(reader).filter(value -> value.length() <= StripeEvent.MAX_ID_LENGTH);
                    case "type" -> type = text(reader);
                    case "created" -> created = epochSeconds(reader);
                    case "data" -> hasObject = holdsObject(reader);
                    default -> skip(reader);
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT
                    || id.isEmpty() || type.isEmpty() || created.isEmpty() || !hasObject) {
                return Optional.empty();
            }
            return Optional.of(new StripeEnvelope(id.get(), type.get(), created.get()));
        } catch (IOException | IllegalStateException e) {
            // MalformedJsonException and EOFException are IOExceptions: the text is not JSON.
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonReader reader) throws IOException {
        if (reader.peek() == JsonToken.STRING) {
            return JsonView.text(reader.nextString());
        }
        skip(reader);
        return Optional.empty();
    }

    private static Optional<Instant> epochSeconds(JsonReader reader) throws IOException {
        if (reader.peek() == JsonToken.NUMBER) {
            // nextString gives the number's literal text, the same text the tree keeps for it.
            return JsonView.wholeNumber(reader.nextString()).flatMap(JsonView::epochSeconds);
        }
        skip(reader);
        return Optional.empty();
    }

    /** Reads {@code data}: whether it is an object whose (last) {@code object} member is an object. */
    private static boolean holdsObject(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            skip(reader);
            return false;
        }
        boolean hasObject = false;
        reader.beginObject();
        while (reader.hasNext()) {
            if (reader.nextName().equals("object")) {
                hasObject = reader.peek() == JsonToken.BEGIN_OBJECT;
            }
            skip(reader);
        }
        reader.endObject();
        return hasObject;
    }

    /**
     * Skips one value. Strings and names are read rather than skipped: {@link JsonReader#skipValue} does not
     * apply the strict rule against unescaped control characters, which the tree parse enforces.
     */
    private static void skip(JsonReader reader) throws IOException {
        int depth = 0;
        do {
            switch (reader.peek()) {
                case BEGIN_OBJECT -> {
                    reader.beginObject();
                    depth++;
                }
                case BEGIN_ARRAY -> {
                    reader.beginArray();
                    depth++;
                }
                case END_OBJECT -> {
                    reader.endObject();
                    depth--;
                }
                case END_ARRAY -> {
                    reader.endArray();
                    depth--;
                }
                case NAME -> reader.nextName();
                case STRING -> reader.nextString();
                // Numbers and literals are checked when peeked; skipping them is exact.
                default -> reader.skipValue();
            }
        } while (depth > 0);
    }
}
