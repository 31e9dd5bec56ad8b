package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The work queue is vacuumed by the platform once the entries it worked through leave enough dead rows behind. */
class QueueVacuumIT extends PlatformIT {

    @Autowired
    QueueVacuum vacuum;

    @Test
    void theQueueIsVacuumedOnceEnoughEntriesWereWorkedThrough() {
        var jdbc = placements.main().jdbc();
        Instant before = jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
        // Entries of a tenant that does not exist: the workers claim them and drop them, 2 dead rows each.
        jdbc.sql("""
                INSERT INTO queue.work_items (kind, tenant_id, item_id)
                SELECT 'DELIVERY', 2000000000, n FROM generate_series(1, 3000) AS n""").update();

        eventually(() -> {
            assertThat(jdbc.sql("SELECT count(*) FROM queue.work_items WHERE tenant_id = 2000000000").query(Long.class).single())
                    .isZero();
            vacuum.vacuumWhereNeeded();
            Timestamp last = jdbc.sql("""
                    SELECT last_vacuum FROM pg_stat_user_tables WHERE schemaname = 'queue' AND relname = 'work_items'""")
                    .query(Timestamp.class).optional().orElse(null);
            assertThat(last).isNotNull();
            assertThat(last.toInstant()).isAfter(before);
        });
    }
}
