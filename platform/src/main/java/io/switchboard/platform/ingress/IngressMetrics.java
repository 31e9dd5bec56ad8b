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

    /** The provider tag must be an installed provider or "other", so that random paths cannot create meters. */
    void rejected(String provider, String reason) {
        registry.counter("switchboard.webhooks.rejected", "provider", provider, "reason", reason).increment();
    }
}
