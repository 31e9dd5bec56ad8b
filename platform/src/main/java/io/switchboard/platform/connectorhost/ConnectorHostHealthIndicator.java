package io.switchboard.platform.connectorhost;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The plugin host's health: DOWN when no connector is loaded (nothing could be received), UP otherwise, with
 * the plugins that failed or were refused listed so an operator sees them.
 */
@Component
class ConnectorHostHealthIndicator implements HealthIndicator {

    private final ConnectorHost host;

    ConnectorHostHealthIndicator(ConnectorHost host) {
        this.host = host;
    }

    @Override
    public Health health() {
        Health.Builder builder = host.connectors().isEmpty() ? Health.down() : Health.up();
        builder.withDetail("pluginsDir", host.pluginsDir().toString())
                .withDetail("connectors", host.connectors().stream().map(LoadedConnector::providerId).sorted().toList());
        host.plugins().stream().filter(p -> !p.started())
                .forEach(p -> builder.withDetail("plugin." + p.pluginId(), p.state() + ": " + p.problem()));
        return builder.build();
    }
}
