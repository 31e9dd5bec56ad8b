package io.switchboard.platform.ingress;

import io.switchboard.connector.ReceivedEvent;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Stores verified events in the tenant's inbox and enqueues them, in one transaction: once this returns,
 * the events are durable and will be processed, whatever happens to this process.
 */
@Component
public class DeliveryStore {

    private final TenantDatabase database;

    public DeliveryStore(TenantDatabase database) {
        this.database = database;
    }

    /**
     * Stores the events that are not already stored (by provider and dedupe key).
     *
     * @return how many were new
     */
    public int store(Tenant tenant, String provider, List<ReceivedEvent> events, String headersJson) {
        return database.inTenant(tenant, jdbc -> {
            int stored = 0;
            for (ReceivedEvent event : events) {
                Optional<Long> id = jdbc.sql("""
                        INSERT INTO deliveries (provider, dedupe_key, event_type, occurred_at, headers, body)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?)
                        ON CONFLICT (provider, dedupe_key) DO NOTHING
                        RETURNING id""")
                        .params(provider, event.dedupeKey(), event.eventType(), Timestamp.from(event.occurredAt()),
                                headersJson, event.payload())
                        .query(Long.class).optional();
                if (id.isPresent()) {
                    jdbc.sql("INSERT INTO queue.work_items (kind, tenant_id, item_id) VALUES ('DELIVERY', ?, ?)")
                            .params(tenant.id(), id.get()).update();
                    stored++;
                }
            }
            return stored;
        });
    }
}
