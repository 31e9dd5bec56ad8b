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
 *
 * <p>Each request commits its own transaction. Group commit (concurrent requests sharing one transaction) was
 * measured and left out: PostgreSQL commits tens of thousands of such rows a second here, so the commit is not
 * what limits ingest, and sharing transactions added waiting and CPU in the JVM (bench/results/latest.md).
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
                // One statement stores the delivery and enqueues it (a duplicate inserts neither): one round trip
                // to the database per event instead of two, on the path every webhook takes.
                Optional<Long> id = jdbc.sql("""
                        WITH stored AS (
                            INSERT INTO deliveries (provider, dedupe_key, event_type, occurred_at, headers, body)
                            VALUES (?, ?, ?, ?, ?::jsonb, ?)
                            ON CONFLICT (provider, dedupe_key) DO NOTHING
                            RETURNING id)
                        INSERT INTO queue.work_items (kind, tenant_id, item_id)
                        SELECT 'DELIVERY', ?, id FROM stored
                        RETURNING item_id""")
                        .params(provider, event.dedupeKey(), event.eventType(), Timestamp.from(event.occurredAt()),
                                headersJson, event.payload(), tenant.id())
                        .query(Long.class).optional();
                if (id.isPresent()) {
                    stored++;
                }
            }
            return stored;
        });
    }
}
