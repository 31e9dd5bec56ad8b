package io.switchboard.platform.records;

import io.switchboard.connector.command.Severity;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's incidents list: what needs a person's attention. */
@Component
public class Incidents {

    private final JsonMapper json;

    Incidents(JsonMapper json) {
        this.json = json;
    }

    /** Logs an incident for a delivery; the same kind for the same delivery is logged once. */
    public void log(ApplyScope scope, String kind, Severity severity, String summary, Map<String, Object> details) {
        log(scope.jdbc(), scope.deliveryId(), kind, severity, summary, details);
    }

    /** Logs an incident; within a tenant transaction. */
    public void log(JdbcClient jdbc, Long deliveryId, String kind, Severity severity, String summary,
            Map<String, Object> details) {
        jdbc.sql("""
                INSERT INTO incidents (kind, severity, summary, details, delivery_id) VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (delivery_id, kind) WHERE delivery_id IS NOT NULL DO NOTHING""")
                .params(kind, severity.name(), summary, json.writeValueAsString(details), deliveryId)
                .update();
    }
}
