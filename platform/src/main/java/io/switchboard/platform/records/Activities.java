package io.switchboard.platform.records;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Timeline entries on contacts. */
@Component
public class Activities {

    private final JsonMapper json;

    Activities(JsonMapper json) {
        this.json = json;
    }

    /** Adds an entry; the same kind for the same contact and delivery is added once. */
    public void record(ApplyScope scope, long contactId, String kind, String summary, Map<String, Object> data,
            Instant occurredAt) {
        scope.jdbc().sql("""
                INSERT INTO contact_activities (contact_id, kind, summary, data, delivery_id, occurred_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (delivery_id, kind, contact_id) WHERE delivery_id IS NOT NULL DO NOTHING""")
                .params(contactId, kind, summary, json.writeValueAsString(data), scope.deliveryId(), Timestamp.from(occurredAt))
                .update();
    }
}
