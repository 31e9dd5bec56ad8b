package io.switchboard.platform.processing;

import io.switchboard.platform.database.Placement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The work queue of one placement. Entries are claimed with {@code FOR UPDATE SKIP LOCKED} and leased: an
 * entry whose worker died becomes visible again when its lease ends, so nothing claimed is ever lost, and
 * several platform nodes can share one queue.
 */
@Component
public class WorkQueue {

    private final Map<String, LongAdder> claimed = new ConcurrentHashMap<>();

    /**
     * Claims up to {@code limit} due entries of one tenant: the first tenant after {@code afterTenant} (in id
     * order, wrapping around) that has due entries and is not already being worked on by
     * {@code maxWorkersPerTenant} workers. Going round the tenants keeps a tenant with a large backlog from
     * delaying the others, and the per-tenant worker cap keeps a tenant whose provider is slow from holding
     * every worker.
     */
    public Claim claim(Placement placement, String workerId, int limit, Duration lease, long afterTenant,
            int maxWorkersPerTenant) {
        long after = afterTenant;
        boolean wrapped = afterTenant == 0;
        // A tenant whose due entries other workers took in between gives nothing: go on to the next one.
        for (int tries = 0; tries < 3; tries++) {
            Optional<Long> tenant = nextTenantWithWork(placement, after, maxWorkersPerTenant);
            if (tenant.isEmpty() && !wrapped) {
                wrapped = true;
                tenant = nextTenantWithWork(placement, 0, maxWorkersPerTenant);
            }
            if (tenant.isEmpty()) {
                return new Claim(List.of(), afterTenant);
            }
            List<WorkItem> items = claimOf(placement, tenant.get(), workerId, limit, lease, maxWorkersPerTenant);
            if (!items.isEmpty()) {
                return new Claim(items, tenant.get());
            }
            after = tenant.get();
        }
        return new Claim(List.of(), after);
    }

    /**
     * The first tenant after {@code afterTenant} (in id order) that has due entries and fewer than
     * {@code maxWorkersPerTenant} workers on it. A read, apart from the claim that follows: if it locked rows too,
     * every row another worker changed meanwhile would make PostgreSQL re-run it (EvalPlanQual) for that row, and
     * on a large, churning queue those re-runs took minutes and held vacuum back.
     */
    private Optional<Long> nextTenantWithWork(Placement placement, long afterTenant, int maxWorkersPerTenant) {
        return placement.jdbc().sql("""
                WITH RECURSIVE tenants (tenant_id) AS (
                    (SELECT tenant_id FROM queue.work_items WHERE tenant_id > ? ORDER BY tenant_id LIMIT 1)
                    UNION ALL
                    SELECT (SELECT w.tenant_id FROM queue.work_items w WHERE w.tenant_id > tenants.tenant_id
                            ORDER BY w.tenant_id LIMIT 1)
                    FROM tenants WHERE tenants.tenant_id IS NOT NULL
                )
                SELECT tenants.tenant_id FROM tenants
                WHERE tenants.tenant_id IS NOT NULL
                  AND EXISTS (SELECT 1 FROM queue.work_items d WHERE d.tenant_id = tenants.tenant_id
                              AND d.run_at <= now() AND (d.locked_until IS NULL OR d.locked_until < now()))
                  AND (SELECT count(DISTINCT l.locked_by) FROM queue.work_items l
                       WHERE l.tenant_id = tenants.tenant_id AND l.locked_until > now()) < ?
                LIMIT 1""")
                .params(afterTenant, maxWorkersPerTenant)
                .query(Long.class).optional();
    }

    /**
     * Leases up to {@code limit} of the tenant's due entries, oldest first, skipping those another worker holds,
     * unless {@code maxWorkersPerTenant} other workers hold some already. The tenant choice above is a read, so two
     * workers could both find a tenant under its cap; claims of one tenant are therefore serialised on an advisory
     * lock, and the cap is checked again inside the claim's transaction, after the lock: a worker that finds the
     * lock taken leaves the tenant to the one claiming it.
     */
    List<WorkItem> claimOf(Placement placement, long tenantId, String workerId, int limit, Duration lease,
            int maxWorkersPerTenant) {
        List<WorkItem> items = placement.tx().execute(status -> {
            boolean alone = Boolean.TRUE.equals(placement.jdbc()
                    .sql("SELECT pg_try_advisory_xact_lock(hashtextextended('claim:' || ?, 0))")
                    .param(tenantId).query(Boolean.class).single());
            if (!alone) {
                return List.<WorkItem>of();
            }
            // a statement of its own, so that its snapshot includes the claim committed by the lock's last holder
            return placement.jdbc().sql("""
                    UPDATE queue.work_items SET locked_until = now() + make_interval(secs => ?), locked_by = ?,
                        attempts = attempts + 1
                    WHERE id IN (
                        SELECT id FROM queue.work_items
                        WHERE tenant_id = ? AND run_at <= now() AND (locked_until IS NULL OR locked_until < now())
                        ORDER BY run_at, id
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED)
                      AND (SELECT count(DISTINCT l.locked_by) FROM queue.work_items l
                           WHERE l.tenant_id = ? AND l.locked_until > now() AND l.locked_by <> ?) < ?
                    RETURNING id, kind, tenant_id, item_id, attempts""")
                    .params((double) lease.toMillis() / 1000, workerId, tenantId, limit, tenantId, workerId,
                            maxWorkersPerTenant)
                    .query((rs, row) -> new WorkItem(rs.getLong("id"), rs.getString("kind"), rs.getLong("tenant_id"),
                            rs.getLong("item_id"), rs.getInt("attempts")))
                    .list();
        });
        claimed.computeIfAbsent(placement.name(), name -> new LongAdder()).add(items.size());
        return items;
    }

    /** Entries this node claimed on the placement since {@link #vacuumed} last counted them off. */
    long claimedSinceVacuum(Placement placement) {
        LongAdder count = claimed.get(placement.name());
        return count == null ? 0 : count.sum();
    }

    /** Counts off entries whose dead rows a vacuum has just removed. */
    void vacuumed(Placement placement, long entries) {
        claimed.computeIfAbsent(placement.name(), name -> new LongAdder()).add(-entries);
    }

    /** Removes a finished entry; call inside the transaction that records the outcome. */
    public void complete(JdbcClient jdbc, WorkItem item) {
        completeAll(jdbc, List.of(item));
    }

    /** Removes finished entries; call inside the transaction that records their outcome. */
    public void completeAll(JdbcClient jdbc, List<WorkItem> items) {
        jdbc.sql("DELETE FROM queue.work_items WHERE id = ANY(?)")
                .param(items.stream().mapToLong(WorkItem::id).toArray()).update();
    }

    /** Makes the entry due again at the given time. */
    public void reschedule(JdbcClient jdbc, WorkItem item, Instant runAt) {
        jdbc.sql("UPDATE queue.work_items SET run_at = ?, locked_until = NULL, locked_by = NULL WHERE id = ?")
                .params(Timestamp.from(runAt), item.id()).update();
    }

    /** Enqueues an item, or makes an existing entry for it due now. */
    public void enqueue(JdbcClient jdbc, String kind, long tenantId, long itemId, Instant runAt) {
        jdbc.sql("""
                INSERT INTO queue.work_items (kind, tenant_id, item_id, run_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, tenant_id, item_id) DO UPDATE SET run_at = EXCLUDED.run_at, attempts = 0""")
                .params(kind, tenantId, itemId, Timestamp.from(runAt)).update();
    }

    /** The number of entries and the age of the oldest due one, in seconds. */
    public QueueDepth depth(Placement placement) {
        return placement.jdbc().sql("""
                SELECT count(*) AS depth,
                       coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE run_at <= now())), 0) AS age
                FROM queue.work_items""")
                .query((rs, row) -> new QueueDepth(rs.getLong("depth"), rs.getDouble("age")))
                .single();
    }

    /**
     * What one claim took.
     *
     * @param items the claimed entries, all of one tenant
     * @param tenantId that tenant, where the next claim of this worker goes on from
     */
    public record Claim(List<WorkItem> items, long tenantId) {}

    /**
     * @param entries entries in the queue
     * @param oldestDueSeconds how long the oldest due entry has waited
     */
    public record QueueDepth(long entries, double oldestDueSeconds) {}
}
