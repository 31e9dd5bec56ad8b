package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.database.Placement;
import io.switchboard.platform.support.PlatformIT;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The per-tenant worker cap holds inside the claim itself, not only in the read that chose the tenant: a claim
 * sees the leases of the claim before it, and a tenant being claimed by another worker right now is left to it.
 */
class WorkQueueClaimIT extends PlatformIT {

    /** No such tenant: the entries below are this test's alone (the workers drop entries of unknown tenants). */
    private static final long TENANT = 2_000_000_001L;
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    WorkQueue queue;

    @Test
    void aClaimRespectsTheCapAndTheClaimUnderWayOfAnotherWorker() throws Exception {
        Placement main = placements.main();
        try {
            // one entry leased by another worker (which keeps the background workers, capped at 1, off this tenant)
            main.jdbc().sql("""
                    INSERT INTO queue.work_items (kind, tenant_id, item_id, locked_until, locked_by)
                    VALUES ('DELIVERY', ?, 1, now() + interval '1 minute', 'other-worker')""").param(TENANT).update();
            main.jdbc().sql("""
                    INSERT INTO queue.work_items (kind, tenant_id, item_id)
                    SELECT 'DELIVERY', ?, n FROM generate_series(2, 4) AS n""").param(TENANT).update();

            assertThat(queue.claimOf(main, TENANT, "test-worker", 10, LEASE, 1))
                    .as("the tenant already has its one worker").isEmpty();

            try (Connection other = claimLockHeld(main, TENANT)) {
                assertThat(queue.claimOf(main, TENANT, "test-worker", 10, LEASE, 2))
                        .as("another worker is claiming this tenant at this moment").isEmpty();
                other.rollback();
            }

            assertThat(queue.claimOf(main, TENANT, "test-worker", 10, LEASE, 2))
                    .as("under a cap of 2, the three due entries").extracting(WorkItem::itemId)
                    .containsExactlyInAnyOrder(2L, 3L, 4L);
            assertThat(main.jdbc().sql("SELECT count(*) FROM queue.work_items WHERE tenant_id = ? AND locked_by = 'test-worker'")
                    .param(TENANT).query(Long.class).single()).isEqualTo(3);
        } finally {
            main.jdbc().sql("DELETE FROM queue.work_items WHERE tenant_id = ?").param(TENANT).update();
        }
    }
    @Test
    void aClaimGoesOnFromTheTenantAfterTheLastOneAndPassesOverTenantsItMayNotTake() throws Exception {
        Placement main = placements.main();
        long first = TENANT + 100;
        long second = TENANT + 101;
        long third = TENANT + 102;
        try {
            for (long tenant : new long[] {first, second, third}) {
                // one entry leased elsewhere keeps the background workers (capped at 1) off these tenants
                main.jdbc().sql("""
                        INSERT INTO queue.work_items (kind, tenant_id, item_id, locked_until, locked_by)
                        VALUES ('DELIVERY', ?, 1, now() + interval '1 minute', 'other-worker')""").param(tenant).update();
                main.jdbc().sql("INSERT INTO queue.work_items (kind, tenant_id, item_id) VALUES ('DELIVERY', ?, ?)")
                        .params(tenant, tenant).update();
            }

            WorkQueue.Claim claim = queue.claim(main, "test-worker", 10, LEASE, first, 2);
            assertThat(claim.tenantId()).as("the tenant after the last one").isEqualTo(second);
            assertThat(claim.items()).extracting(WorkItem::itemId).containsExactly(second);
            assertThat(claim.items()).extracting(WorkItem::attempts).containsExactly(1);

            // the first tenant now has two workers on it: under a cap of 2 a third one passes it over
            main.jdbc().sql("""
                    INSERT INTO queue.work_items (kind, tenant_id, item_id, locked_until, locked_by)
                    VALUES ('DELIVERY', ?, 2, now() + interval '1 minute', 'third-worker')""").param(first).update();
            try (Connection other = claimLockHeld(main, third)) {
                List<WorkItem> items = queue.claim(main, "test-worker", 10, LEASE, first - 1, 2).items();
                // Having found nothing after the third tenant, the claim wraps around to the lowest tenant ids:
                // should another test have left work there, hand it back untouched.
                main.jdbc().sql("""
                        UPDATE queue.work_items SET locked_until = NULL, locked_by = NULL, attempts = attempts - 1
                        WHERE locked_by = 'test-worker' AND tenant_id NOT IN (?, ?, ?)""").params(first, second, third).update();
                assertThat(items).filteredOn(item -> item.tenantId() >= first)
                        .as("the first tenant is at its cap, the second has nothing due, the third is being claimed")
                        .isEmpty();
                other.rollback();
            }
            claim = queue.claim(main, "test-worker", 10, LEASE, first - 1, 2);
            assertThat(claim.tenantId()).isEqualTo(third);
            assertThat(claim.items()).extracting(WorkItem::itemId).containsExactly(third);
        } finally {
            main.jdbc().sql("DELETE FROM queue.work_items WHERE tenant_id IN (?, ?, ?)").params(first, second, third).update();
        }
    }

    @Test
    void aClaimReadsTheQueueThroughItsIndexesWhateverItsStatisticsSay() throws Exception {
        Placement main = placements.main();
        long tenant = TENANT + 200;
        try (Connection c = main.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Statistics of a nearly empty queue, as at start-up or after a drain: a generic plan made with them read
                // the whole table at every claim, and kept doing so as the queue grew, until the next ANALYZE.
                s.execute("ANALYZE queue.work_items");
                s.execute("INSERT INTO queue.work_items (kind, tenant_id, item_id) SELECT 'DELIVERY', " + tenant
                        + ", n FROM generate_series(1, 5) AS n");
                long[] before = scans(s);
                try (ResultSet claimed = s.executeQuery("SELECT count(*) FROM queue.claim_work(" + (tenant - 1)
                        + ", 'plan-test', 10, 30, 2)")) {
                    claimed.next();
                    assertThat(claimed.getLong(1)).as("the test tenant's entries are claimed").isEqualTo(5);
                }
                long[] after = scans(s);
                assertThat(after[0] - before[0]).as("sequential scans of the queue").isZero();
                assertThat(after[1] - before[1]).as("index scans of the queue").isPositive();
            } finally {
                c.rollback(); // the claim, its entries and the statistics go with it
            }
        }
    }

    /** This transaction's sequential and index scans of the queue table so far. */
    private static long[] scans(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables"
                + " WHERE relid = 'queue.work_items'::regclass")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** A connection whose open transaction holds the tenant's claim lock, as another worker's claim under way does. */
    private static Connection claimLockHeld(Placement placement, long tenant) throws Exception {
        Connection other = placement.dataSource().getConnection();
        other.setAutoCommit(false);
        try (PreparedStatement lock = other.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended('claim:' || ?, 0))")) {
            lock.setLong(1, tenant);
            lock.execute();
        }
        return other;
    }
}
