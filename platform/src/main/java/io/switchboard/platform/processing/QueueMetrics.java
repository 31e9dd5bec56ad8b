package io.switchboard.platform.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.database.Placement;
import io.switchboard.platform.database.Placements;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Queue depth and the age of the oldest due entry, per placement, sampled every few seconds (a gauge that
 * queried the database on every scrape would put the scraper on the hot path).
 */
@Component
class QueueMetrics {

    private final Placements placements;
    private final WorkQueue queue;
    private final Map<String, WorkQueue.QueueDepth> latest = new ConcurrentHashMap<>();

    QueueMetrics(Placements placements, WorkQueue queue, MeterRegistry registry) {
        this.placements = placements;
        this.queue = queue;
        for (Placement placement : placements.all()) {
            String name = placement.name();
            Gauge.builder("switchboard.queue.depth", latest, m -> m.getOrDefault(name, new WorkQueue.QueueDepth(0, 0)).entries())
                    .tag("placement", name).description("queue entries").register(registry);
            Gauge.builder("switchboard.queue.oldest.due.seconds", latest,
                            m -> m.getOrDefault(name, new WorkQueue.QueueDepth(0, 0)).oldestDueSeconds())
                    .tag("placement", name).description("wait of the oldest due entry").register(registry);
        }
    }

    @Scheduled(fixedDelayString = "${switchboard.metrics.queue-sample-interval:5s}")
    void sample() {
        for (Placement placement : placements.all()) {
            try {
                latest.put(placement.name(), queue.depth(placement));
            } catch (RuntimeException e) {
                latest.remove(placement.name());
            }
        }
    }
}
