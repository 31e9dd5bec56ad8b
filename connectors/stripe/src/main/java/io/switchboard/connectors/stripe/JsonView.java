package io.switchboard.connectors.stripe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Null-safe, read-only navigation of a JSON tree in the shapes Stripe renders. A missing member, a JSON
 * {@code null} and a value of the wrong kind all read as absent, so one accessor serves every API version.
 */
final class JsonView {

    private static final JsonView ABSENT = new JsonView(JsonNull.INSTANCE);

    private final JsonElement element;

    private JsonView(JsonElement element) {
        this.element = element == null ? JsonNull.INSTANCE : element;
    }

    /**
     * Parses one strict JSON document (no comments, no unquoted names, nothing after it).
     *
     * @return the document, or empty when the text is not JSON
     */
    static Optional<JsonView> parse(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return Optional.empty();
            }
            return Optional.of(new JsonView(root));
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The member {@code name} of this object; absent when this is not an object or has no such member. */
    JsonView get(String name) {
        if (element instanceof JsonObject object) {
            JsonElement member = object.get(name);
            return member == null || member.isJsonNull() ? ABSENT : new JsonView(member);
        }
        return ABSENT;
    }

    /** Follows member names one after the other. */
    JsonView path(String... names) {
        JsonView current = this;
        for (String name : names) {
            current = current.get(name);
        }
        return current;
    }

    /** The elements of this array; empty when this is not an array. */
    List<JsonView> elements() {
        List<JsonView> result = new ArrayList<>();
        if (element instanceof JsonArray array) {
            array.forEach(e -> result.add(new JsonView(e)));
        }
        return result;
    }

    /** The first element of this array, or absent. */
    JsonView first() {
        List<JsonView> all = elements();
        return all.isEmpty() ? ABSENT : all.get(0);
    }

    /** Whether this value exists and is not JSON {@code null}. */
    boolean isPresent() {
        return !element.isJsonNull();
    }

    /** Whether this value is a JSON object. */
    boolean isObject() {
        return element.isJsonObject();
    }

    /** This value as non-blank text; empty when it is not a string or blank. */
    Optional<String> text() {
        if (element instanceof JsonPrimitive primitive && primitive.isString()) {
            return text(primitive.getAsString());
        }
        return Optional.empty();
    }

    /** A JSON string's value read as {@link #text()} reads it: trimmed, empty when blank. */
    static Optional<String> text(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** This value as text, or {@code ""}. */
    String textOrEmpty() {
        return text().orElse("");
    }

    /** This value as a whole number; empty when it is not an integral JSON number within {@code long}. */
    Optional<Long> wholeNumber() {
        if (element instanceof JsonPrimitive primitive && primitive.isNumber()) {
            return wholeNumber(primitive.getAsString());
        }
        return Optional.empty();
    }

    /**
     * A JSON number, given as its literal text, read as {@link #wholeNumber()} reads it: {@code 12}, {@code 12.0}
     * and {@code 1.2e1} are all 12.
     */
    static Optional<Long> wholeNumber(String literal) {
        try {
            return Optional.of(new BigDecimal(literal).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** This value as epoch seconds; empty unless it is a whole number that {@link Instant} can hold. */
    Optional<Instant> epochSeconds() {
        return wholeNumber().flatMap(JsonView::epochSeconds);
    }

    /** Seconds since the epoch as an instant; empty beyond Instant's range, where ofEpochSecond would throw. */
    static Optional<Instant> epochSeconds(long seconds) {
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    /** Whether this value is JSON {@code true}. */
    boolean isTrue() {
        return element instanceof JsonPrimitive primitive && primitive.isBoolean() && primitive.getAsBoolean();
    }

    /**
     * The id this value names: Stripe renders a reference either as the id string or, when expanded, as the
     * object with its {@code id}. {@code ""} when neither.
     */
    String id() {
        return isObject() ? get("id").textOrEmpty() : textOrEmpty();
    }
}
