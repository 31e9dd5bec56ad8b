package io.switchboard.connector;

import java.util.Objects;

/**
 * One configuration field a tenant fills in for a connection. The console's forms and the API docs are
 * generated from these declarations.
 *
 * @param name the key under which the value is stored, for example {@code webhookSecret}
 * @param label a short human label
 * @param description what the value is and where the tenant finds it
 * @param type how the value is entered and validated
 * @param secret whether the value is a secret: stored encrypted, write-only through the API, never logged
 * @param required whether a connection is unusable without it
 */
public record ConfigField(String name, String label, String description, FieldType type, boolean secret, boolean required) {

    /** The kinds of value a field holds. */
    public enum FieldType {
        /** A single line of text. */
        TEXT,
        /** A whole number. */
        INTEGER,
        /** true or false. */
        BOOLEAN,
        /** A JSON object of string keys to string values, for example a field mapping. */
        STRING_MAP
    }

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[a-zA-Z][a-zA-Z0-9]{0,63}")) {
            throw new IllegalArgumentException("config field names are camelCase identifiers: " + name);
        }
    }

    /** A required secret text field. */
    public static ConfigField secret(String name, String label, String description) {
        return new ConfigField(name, label, description, FieldType.TEXT, true, true);
    }

    /** An optional secret text field. */
    public static ConfigField optionalSecret(String name, String label, String description) {
        return new ConfigField(name, label, description, FieldType.TEXT, true, false);
    }

    /** A required, non-secret setting. */
    public static ConfigField setting(String name, String label, String description, FieldType type) {
        return new ConfigField(name, label, description, type, false, true);
    }

    /** An optional, non-secret setting. */
    public static ConfigField optionalSetting(String name, String label, String description, FieldType type) {
        return new ConfigField(name, label, description, type, false, false);
    }
}
