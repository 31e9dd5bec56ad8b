package io.switchboard.platform.processing;

import io.switchboard.platform.database.Placement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
     * every worker. One round trip: {@code queue.claim_work} (queue migration V5, ADR 15) chooses the tenant and
     * leases its entries, trying the next tenant when other workers took the due entries in between.
     */
    public Claim claim(Placement placement, String workerId, int limit, Duration lease, long afterTenant,
            int maxWorkersPerTenant) {
        List<WorkItem> items = placement.jdbc().sql("SELECT id, kind, tenant_id, item_id, attempts FROM queue.claim_work(?, ?, ?, ?, ?)")
                .params(afterTenant, workerId, limit, seconds(lease), maxWorkersPerTenant)
                .query(WorkQueue::item)
                .list();
        counted(placement, items);
        return new Claim(items, items.isEmpty() ? afterTenant : items.get(0).tenantId());
    }

    /**
     * Leases up to {@code limit} of the tenant's due entries, oldest first, skipping those another worker holds,
     * unless {@code maxWorkersPerTenant} other workers hold some already. The tenant choice in {@link #claim} is a
     * read, so two workers could both find a tenant under its cap; claims of one tenant are therefore serialised
     * on an advisory lock, and the cap is checked again after the lock: a worker that finds the lock taken leaves
     * the tenant to the one claiming it. This is {@code queue.claim_tenant}, the step {@code claim_work} takes for each
     * tenant it tries; called on its own by tests.
     */
    List<WorkItem> claimOf(Placement placement, long tenantId, String workerId, int limit, Duration lease,
            int maxWorkersPerTenant) {
        List<WorkItem> items = placement.jdbc().sql("SELECT id, kind, tenant_id, item_id, attempts FROM queue.claim_tenant(?, ?, ?, ?, ?)")
                .params(tenantId, workerId, limit, seconds(lease), maxWorkersPerTenant)
                .query(WorkQueue::item)
                .list();
        counted(placement, items);
        return items;
    }

    private static double seconds(Duration lease) {
        return (double) lease.toMillis() / 1000;
    }

    private static WorkItem item(ResultSet rs, int row) throws SQLException {
        return new WorkItem(rs.getLong("id"), rs.getString("kind"), rs.getLong("tenant_id"), rs.getLong("item_id"),
                rs.getInt("attempts"));
    }

    private void counted(Placement placement, List<WorkItem> items) {
        claimed.computeIfAbsent(placement.name(), name -> new LongAdder()).add(items.size());
    }

    /**
     * Counts entries leased to this node without a claim: the DELIVERY entries a move from the intake creates, which
     * leave their dead rows in the queue as claimed entries do, and their intake rows beside it.
     */
    void leasedWithoutClaim(Placement placement, List<WorkItem> items) {
        counted(placement, items);
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

    /**
     * Removes entries that no handler will take (their tenant is gone), with the intake rows of INTAKE entries, which
     * hold the tenant's webhooks; call inside a transaction.
     */
    public void discardAll(JdbcClient jdbc, List<WorkItem> items) {
        long[] intake = items.stream().filter(item -> item.kind().equals("INTAKE")).mapToLong(WorkItem::itemId).toArray();
        if (intake.length > 0) {
            jdbc.sql("DELETE FROM queue.intake WHERE id = ANY(?)").param(intake).update();
        }
        completeAll(jdbc, items);
    }

    /** Makes the entry due again at the given time. */
    public void reschedule(JdbcClient jdbc, WorkItem item, Instant runAt) {
        jdbc.sql("UPDATE queue.work_items SET run_at = ?, locked_until = NULL, locked_by = NULL WHERE id = ?")
                .params(Timestamp.from(runAt), item.id()).update();
    }

    /** Enqueues an item, or makes an existing entry for it due now. */
    public void enqueue(JdbcClient jdbc, String kind, long tenantId, long itemId, Instant runAt) {
        enqueueAll(jdbc, kind, tenantId, List.of(itemId), runAt);
    }

    /** Enqueues items of one kind and tenant in one statement, or makes existing entries for them due then. */
    public void enqueueAll(JdbcClient jdbc, String kind, long tenantId, List<Long> itemIds, Instant runAt) {
        jdbc.sql("""
                INSERT INTO queue.work_items (kind, tenant_id, item_id, run_at)
                SELECT ?, ?, item_id, ? FROM unnest(?::bigint[]) AS item (item_id)
                ON CONFLICT (kind, tenant_id, item_id) DO UPDATE SET run_at = EXCLUDED.run_at, attempts = 0""")
                .params(kind, tenantId, Timestamp.from(runAt), itemIds.stream().mapToLong(Long::longValue).toArray())
                .update();
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
