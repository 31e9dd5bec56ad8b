package io.switchboard.platform.processing;

import io.switchboard.platform.database.Placement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The work queue of one placement. Entries are claimed with {@code FOR UPDATE SKIP LOCKED} and leased: an
 * entry whose worker died becomes visible again when its lease ends, so nothing claimed is ever lost, and
 * several platform nodes can share one queue.
 */
@Component
public class WorkQueue {

    /** Claims up to {@code limit} due entries for the worker. */
    public List<WorkItem> claim(Placement placement, String workerId, int limit, Duration lease) {
        return placement.jdbc().sql("""
                UPDATE queue.work_items SET locked_until = now() + make_interval(secs => ?), locked_by = ?,
                    attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM queue.work_items
                    WHERE run_at <= now() AND (locked_until IS NULL OR locked_until < now())
                    ORDER BY run_at, id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, kind, tenant_id, item_id, attempts""")
                .params((double) lease.toMillis() / 1000, workerId, limit)
                .query((rs, row) -> new WorkItem(rs.getLong("id"), rs.getString("kind"), rs.getLong("tenant_id"),
                        rs.getLong("item_id"), rs.getInt("attempts")))
                .list();
    }

    /** Removes a finished entry; call inside the transaction that records the outcome. */
    public void complete(JdbcClient jdbc, WorkItem item) {
        jdbc.sql("DELETE FROM queue.work_items WHERE id = ?").param(item.id()).update();
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
     * @param entries entries in the queue
     * @param oldestDueSeconds how long the oldest due entry has waited
     */
    public record QueueDepth(long entries, double oldestDueSeconds) {}
}
