package io.switchboard.examples.hmac;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small subset of JSONPath that tenants use to point at a field: member names separated by dots and array
 * indexes in brackets, with an optional leading {@code $.}, for example {@code $.data.customer.email},
 * {@code event_type} or {@code items[0].id}. Member names containing dots or brackets are not supported.
 */
final class JsonFieldPath {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]*)((?:\\[\\d{1,6}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,6})]");

    /** The path of a setting left empty: it finds nothing. */
    static final JsonFieldPath NONE = new JsonFieldPath("", List.of(), false);

    private final String text;
    private final List<Object> steps;
    private final boolean set;

    private JsonFieldPath(String text, List<Object> steps, boolean set) {
        this.text = text;
        this.steps = steps;
        this.set = set;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException when it is not of the supported form
     */
    static JsonFieldPath parse(String path) {
        String text = path.trim();
        String rest = text;
        if (rest.equals("$")) {
            rest = "";
        } else if (rest.startsWith("$.") || rest.startsWith("$[")) {
            rest = rest.substring(rest.charAt(1) == '.' ? 2 : 1);
        }
        List<Object> steps = new ArrayList<>();
        if (!rest.isEmpty()) {
            for (String segment : rest.split("\\.", -1)) {
                Matcher matcher = SEGMENT.matcher(segment);
                if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
                    throw new IllegalArgumentException("not a JSON path of the form $.a.b[0].c: " + text);
                }
                if (!matcher.group(1).isEmpty()) {
                    steps.add(matcher.group(1));
                }
                Matcher index = INDEX.matcher(matcher.group(2));
                while (index.find()) {
                    steps.add(Integer.parseInt(index.group(1)));
                }
            }
        }
        return new JsonFieldPath(text, List.copyOf(steps), true);
    }

    /** Whether the tenant set this path ({@link #NONE} is not set). */
    boolean isSet() {
        return set;
    }

    /** The element at this path, if the document has one there (a JSON null counts as none). */
    Optional<JsonElement> find(JsonElement document) {
        if (!set) {
            return Optional.empty();
        }
        JsonElement current = document;
        for (Object step : steps) {
            if (step instanceof String member && current.isJsonObject()) {
                JsonObject object = current.getAsJsonObject();
                current = object.get(member);
            } else if (step instanceof Integer index && current.isJsonArray()) {
                JsonArray array = current.getAsJsonArray();
                current = index < array.size() ? array.get(index) : null;
            } else {
                return Optional.empty();
            }
            if (current == null || current.isJsonNull()) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** The string or number at this path as trimmed text, if there is a non-blank one. */
    Optional<String> text(JsonElement document) {
        return find(document).filter(JsonElement::isJsonPrimitive).map(JsonElement::getAsJsonPrimitive)
                .filter(p -> p.isString() || p.isNumber())
                .map(JsonPrimitive::getAsString)
                .map(String::trim)
                .filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return text;
    }
}
