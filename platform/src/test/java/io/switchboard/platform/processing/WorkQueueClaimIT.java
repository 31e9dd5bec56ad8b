package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.database.Placement;
import io.switchboard.platform.support.PlatformIT;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
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

            try (Connection other = main.dataSource().getConnection()) {
                other.setAutoCommit(false);
                try (PreparedStatement lock = other.prepareStatement(
                        "SELECT pg_advisory_xact_lock(hashtextextended('claim:' || ?, 0))")) {
                    lock.setLong(1, TENANT);
                    lock.execute();
                }
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
}
