package io.switchboard.connector;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded as UTF-8, keeping the order and repetition of
 * parameters.
 */
public final class FormBody {

    private final Map<String, List<String>> params;

    private FormBody(Map<String, List<String>> params) {
        this.params = params;
    }

    /**
     * Decodes a form body.
     *
     * @throws IllegalArgumentException when the body is not valid form encoding
     */
    public static FormBody parse(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new FormBody(params);
    }

    /** The first value of a parameter. */
    public Optional<String> first(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every parameter with its first value, in arrival order. */
    public Map<String, String> firstValues() {
        Map<String, String> result = new LinkedHashMap<>();
        params.forEach((k, v) -> result.put(k, v.get(0)));
        return Collections.unmodifiableMap(result);
    }

    /** Every parameter with all its values. */
    public Map<String, List<String>> all() {
        return Collections.unmodifiableMap(params);
    }
}
