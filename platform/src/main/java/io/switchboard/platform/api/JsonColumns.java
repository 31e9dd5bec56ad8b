package io.switchboard.platform.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the columns the API shows: jsonb as plain maps (their OpenAPI schema is a free-form object), times as instants. */
@Component
class JsonColumns {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JsonMapper json;

    JsonColumns(JsonMapper json) {
        this.json = json;
    }

    /** A jsonb object column; empty for null. */
    Map<String, Object> object(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? Map.of() : json.readValue(text, MAP);
    }

    /** The value as JSON text, for a {@code ?::jsonb} parameter. */
    String write(Object value) {
        return json.writeValueAsString(value);
    }

    /** A timestamptz column as an instant, or null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** A bigint column as the API's string id, or null. */
    static String id(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Long.toString(value);
    }

    /** A bigint column, or null. */
    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
