package io.switchboard.platform.processing;

import io.switchboard.platform.database.Placement;
import io.switchboard.platform.database.Placements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Vacuums each placement's work queue, and the intake beside it (ADR 18), once enough rows have died in them. Every
 * entry is inserted, updated when claimed and deleted when done, so under load the table holds many more dead rows
 * than live ones within seconds, and the claim's index scans walk them all: draining slowed down several times over
 * between autovacuum rounds, which come at most once a minute by default. A small table vacuums in milliseconds. The
 * dead rows are counted here, two for each entry this node leased (a claimed one leaves its claim and its
 * completion; a DELIVERY entry made by a move from the intake leaves its completion, and the intake row it came from),
 * rather than read from PostgreSQL's statistics, which on PostgreSQL 14 means loading the statistics of every
 * tenant's tables (72 ms with 1,000 tenants). {@code SKIP_LOCKED} lets another node's vacuum, or autovacuum, go on
 * alone.
 */
@Component
class QueueVacuum {

    private static final Logger log = LoggerFactory.getLogger(QueueVacuum.class);

    private final Placements placements;
    private final WorkQueue queue;
    private final long deadRowThreshold;

    QueueVacuum(Placements placements, WorkQueue queue,
            @Value("${switchboard.processing.queue-vacuum-dead-rows:5000}") long deadRowThreshold) {
        this.placements = placements;
        this.queue = queue;
        this.deadRowThreshold = deadRowThreshold;
    }

    @Scheduled(initialDelayString = "${switchboard.processing.queue-vacuum-interval:5s}",
            fixedDelayString = "${switchboard.processing.queue-vacuum-interval:5s}")
    void vacuumWhereNeeded() {
        for (Placement placement : placements.all()) {
            long entries = queue.claimedSinceVacuum(placement);
            long dead = 2 * entries;
            if (dead < deadRowThreshold) {
                continue;
            }
            try {
                placement.jdbc().sql("VACUUM (SKIP_LOCKED, ANALYZE) queue.work_items, queue.intake").update();
                queue.vacuumed(placement, entries);
                log.debug("Vacuumed the work queue of {} (about {} dead rows)", placement.name(), dead);
            } catch (RuntimeException e) {
                log.debug("Could not vacuum the work queue of {}: {}", placement.name(), e.getMessage());
            }
        }
    }
}
