package io.switchboard.examples.hmac;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Gson trees into the plain values commands carry (maps, lists, strings, numbers, booleans and
 * nulls), so the platform stores them as JSON without knowing Gson.
 */
final class JsonValues {

    private JsonValues() {}

    /** The document as a map: an object's members, or anything else under {@code body}. */
    static Map<String, Object> asMap(JsonElement document) {
        if (document.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            document.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("body", plain(document));
        return wrapped;
    }

    private static Object plain(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element.isJsonObject()) {
            return asMap(element);
        }
        if (element.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            element.getAsJsonArray().forEach(item -> list.add(plain(item)));
            return list;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            return number(primitive.getAsBigDecimal());
        }
        return primitive.getAsString();
    }

    private static Object number(BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException notAWholeLong) {
            return value;
        }
    }
}
