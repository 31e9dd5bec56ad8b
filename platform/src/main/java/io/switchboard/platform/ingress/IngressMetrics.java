package io.switchboard.platform.ingress;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters of webhook requests by provider and outcome. */
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

    void rejected(String reason) {
        // Unknown providers are folded into one tag value so that random paths cannot create meters.
        registry.counter("switchboard.webhooks.rejected", "reason", reason).increment();
    }
}
