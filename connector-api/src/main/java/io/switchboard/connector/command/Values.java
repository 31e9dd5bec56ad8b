package io.switchboard.connector.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of the structured values commands carry: order kept, JSON nulls allowed, unmodifiable. */
final class Values {

    private Values() {}

    static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
