package io.switchboard.platform.ingress;

import io.switchboard.connector.ReceivedEvent;
import io.switchboard.platform.database.Placement;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

/**
 * Stores verified events in the tenant's inbox and enqueues them, atomically: once this returns, the events
 * are durable and will be processed, whatever happens to this process.
 *
 * <p>Every request is one statement in autocommit: the deliveries and their queue entries are written by one
 * {@code INSERT ... RETURNING} feeding a second {@code INSERT} (a duplicate inserts neither), so a request costs
 * one round trip to the database instead of a transaction's four (begin, {@code search_path}, insert, commit).
 * The statement names the tenant's schema itself, which is why it does not go through
 * {@link TenantDatabase#inTenant}; the schema name is derived from the validated slug, never from the request.
 *
 * <p>When a placement's database cannot be reached, webhooks for it get 503 at once for a moment
 * ({@link StorageCircuit}) rather than each holding a request thread for the pool's connection time-out.
 *
 * <p>Group commit (concurrent requests sharing one transaction) was measured and left out: PostgreSQL commits tens
 * of thousands of such rows a second here, so the commit is not what limits ingest, and sharing transactions added
 * waiting and CPU in the JVM (bench/results/latest.md).
 */
@Component
public class DeliveryStore {

    private final TenantDatabase database;
    private final Map<String, StorageCircuit> circuits = new ConcurrentHashMap<>();

    public DeliveryStore(TenantDatabase database) {
        this.database = database;
    }

    /**
     * Stores the events that are not already stored (by provider and dedupe key).
     *
     * @return how many were new
     */
    public int store(Tenant tenant, String provider, List<ReceivedEvent> events, String headersJson) {
        if (events.isEmpty()) {
            return 0;
        }
        Placement placement = database.placementOf(tenant);
        StorageCircuit circuit = circuits.computeIfAbsent(placement.name(), name -> new StorageCircuit(System::nanoTime));
        if (!circuit.allows()) {
            throw new TransientDataAccessResourceException(
                    "the database of placement " + placement.name() + " could not be reached a moment ago");
        }
        List<Object> params = new ArrayList<>(events.size() * 6 + 1);
        StringBuilder rows = new StringBuilder();
        for (ReceivedEvent event : events) {
            rows.append(rows.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?::jsonb, ?)");
            params.add(provider);
            params.add(event.dedupeKey());
            params.add(event.eventType());
            params.add(Timestamp.from(event.occurredAt()));
            params.add(headersJson);
            params.add(event.payload());
        }
        params.add(tenant.id());
        String sql = """
                WITH stored AS (
                    INSERT INTO %s (provider, dedupe_key, event_type, occurred_at, headers, body)
                    VALUES %s
                    ON CONFLICT (provider, dedupe_key) DO NOTHING
                    RETURNING id)
                INSERT INTO queue.work_items (kind, tenant_id, item_id)
                SELECT 'DELIVERY', ?, id FROM stored
                RETURNING item_id""".formatted(TenantDatabase.table(tenant, "deliveries"), rows);
        try {
            int stored = placement.jdbc().sql(sql).params(params).query(Long.class).list().size();
            circuit.succeeded();
            return stored;
        } catch (DataAccessResourceFailureException e) {
            circuit.failed();
            throw e;
        }
    }
}
