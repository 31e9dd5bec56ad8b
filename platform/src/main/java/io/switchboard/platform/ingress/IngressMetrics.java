package io.switchboard.platform.ingress;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Counters of webhook requests by provider and outcome, and their handling time by provider. Webhook requests
 * are left out of Spring's {@code http.server.requests} observation ({@link IngressObservations}): this timer
 * takes its place at a fraction of its cost on the path every webhook takes.
 */
@Component
class IngressMetrics {

    private final MeterRegistry registry;

    IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String provider, int stored, int duplicates) {
        registry.counter("switchboard.webhooks.received", "provider", provider, "outcome", "stored").increment(stored);
        if (duplicates > 0) {
            registry.counter("switchboard.webhooks.received", "provider", provider, "outcome", "duplicate")
                    .increment(duplicates);
        }
    }

    /** The time one webhook request took, from the controller's first line to its answer. */
    void handled(String provider, long nanos) {
        Timer.builder("switchboard.webhooks.latency").tag("provider", provider).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The provider tag must be an installed provider or "other", so that random paths cannot create meters. */
    void rejected(String provider, String reason) {
        registry.counter("switchboard.webhooks.rejected", "provider", provider, "reason", reason).increment();
    }
}
