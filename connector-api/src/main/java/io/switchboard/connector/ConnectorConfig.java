package io.switchboard.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant's configuration of one connector: its settings (plain values) and its secrets (decrypted for
 * the duration of the call only; never log them).
 *
 * @param settings setting name to value: {@code String}, {@code Long}, {@code Boolean} or a {@code Map} of
 *     strings, as declared by the connector's {@link ConfigField}s
 * @param secrets secret name to value
 */
public record ConnectorConfig(Map<String, Object> settings, Map<String, String> secrets) {

    public ConnectorConfig {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    /** A configuration with nothing set. */
    public static ConnectorConfig empty() {
        return new ConnectorConfig(Map.of(), Map.of());
    }

    /** A text setting, if set and not blank. */
    public Optional<String> setting(String name) {
        Object value = settings.get(name);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    /** An integer setting, or the default when absent or not a number. */
    public long longSetting(String name, long defaultValue) {
        Object value = settings.get(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? defaultValue : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** A {@link ConfigField.FieldType#STRING_MAP} setting; empty when absent. */
    public Map<String, String> mapSetting(String name) {
        Object value = settings.get(name);
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        }
        return result;
    }

    /** A secret, if set and not blank. */
    public Optional<String> secret(String name) {
        String value = secrets.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Never prints secret values. */
    @Override
    public String toString() {
        return "ConnectorConfig[settings=" + settings + ", secrets=" + secrets.keySet() + "]";
    }
}
