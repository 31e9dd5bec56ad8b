package io.switchboard.platform.processing;

import io.switchboard.platform.database.Placement;
import io.switchboard.platform.database.Placements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Vacuums each placement's work queue once dead rows pile up. Every entry is inserted, updated when claimed and
 * deleted when done, so under load the table holds many more dead rows than live ones within seconds, and the
 * claim's index scans walk them all: draining slowed down several times over between autovacuum rounds, which
 * come at most once a minute by default. A small table vacuums in milliseconds. {@code SKIP_LOCKED} lets another
 * node's vacuum, or autovacuum, go on alone.
 */
@Component
class QueueVacuum {

    private static final Logger log = LoggerFactory.getLogger(QueueVacuum.class);

    private final Placements placements;
    private final long deadRowThreshold;

    QueueVacuum(Placements placements, @Value("${switchboard.processing.queue-vacuum-dead-rows:5000}") long deadRowThreshold) {
        this.placements = placements;
        this.deadRowThreshold = deadRowThreshold;
    }

    @Scheduled(initialDelayString = "${switchboard.processing.queue-vacuum-interval:5s}",
            fixedDelayString = "${switchboard.processing.queue-vacuum-interval:5s}")
    void vacuumWhereNeeded() {
        for (Placement placement : placements.all()) {
            try {
                long dead = deadRows(placement);
                if (dead >= deadRowThreshold) {
                    placement.jdbc().sql("VACUUM (SKIP_LOCKED, ANALYZE) queue.work_items").update();
                    log.debug("Vacuumed the work queue of {} ({} dead rows)", placement.name(), dead);
                }
            } catch (RuntimeException e) {
                log.debug("Could not vacuum the work queue of {}: {}", placement.name(), e.getMessage());
            }
        }
    }

    /** Dead rows in the queue table, as PostgreSQL's statistics last counted them. */
    static long deadRows(Placement placement) {
        return placement.jdbc().sql("""
                SELECT coalesce(n_dead_tup, 0) FROM pg_stat_user_tables
                WHERE schemaname = 'queue' AND relname = 'work_items'""")
                .query(Long.class).optional().orElse(0L);
    }
}
