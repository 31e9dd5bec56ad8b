package io.switchboard.platform.processing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Counters and timers of processing, by provider and outcome. */
@Component
class ProcessingMetrics {

    private final MeterRegistry registry;

    ProcessingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void processed(String provider, String outcome, Instant receivedAt, long startedNanos) {
        registry.counter("switchboard.deliveries.processed", "provider", provider, "outcome", outcome).increment();
        Timer.builder("switchboard.deliveries.interpret").tag("provider", provider).register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        Timer.builder("switchboard.deliveries.latency").description("receipt to committed").tag("provider", provider)
                .register(registry).record(Duration.between(receivedAt, Instant.now()));
    }

    void retried(Tenant tenant, WorkItem item) {
        registry.counter("switchboard.work.retried", "kind", item.kind()).increment();
    }

    void dead(Tenant tenant, WorkItem item) {
        registry.counter("switchboard.work.dead", "kind", item.kind()).increment();
    }
}
