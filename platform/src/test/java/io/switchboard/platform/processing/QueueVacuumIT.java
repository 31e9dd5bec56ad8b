package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The work queue is vacuumed by the platform once finished entries leave enough dead rows behind. */
class QueueVacuumIT extends PlatformIT {

    @Autowired
    QueueVacuum vacuum;

    @Test
    void deadRowsInTheQueueAreVacuumedAway() {
        var jdbc = placements.main().jdbc();
        Instant before = jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
        // Entries of no tenant, due far in the future so that no worker claims them, then finished: dead rows.
        jdbc.sql("""
                INSERT INTO queue.work_items (kind, tenant_id, item_id, run_at)
                SELECT 'DELIVERY', -1, n, now() + interval '1 day' FROM generate_series(1, 6000) AS n""").update();
        jdbc.sql("DELETE FROM queue.work_items WHERE tenant_id = -1").update();

        eventually(() -> {
            vacuum.vacuumWhereNeeded();
            Timestamp last = jdbc.sql("""
                    SELECT last_vacuum FROM pg_stat_user_tables WHERE schemaname = 'queue' AND relname = 'work_items'""")
                    .query(Timestamp.class).optional().orElse(null);
            assertThat(last).isNotNull();
            assertThat(last.toInstant()).isAfter(before);
            assertThat(QueueVacuum.deadRows(placements.main())).isLessThan(6000);
        });
    }
}
