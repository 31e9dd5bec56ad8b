package io.switchboard.platform.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.connector.Channel;
import org.springframework.stereotype.Component;

/** Outbound messages by channel and outcome. */
@Component
class DispatchMetrics {

    private final MeterRegistry registry;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(Channel channel, String outcome) {
        registry.counter("switchboard.messages", "channel", channel.name(), "outcome", outcome).increment();
    }
}
