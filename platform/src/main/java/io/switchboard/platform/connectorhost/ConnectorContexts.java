package io.switchboard.platform.connectorhost;

import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.ConnectorHttpClient;
import io.switchboard.platform.config.SwitchboardProperties;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Builds the small per-call context a connector gets: one tenant's config, the clock, a guarded client. */
@Component
public class ConnectorContexts {

    private final SwitchboardProperties properties;
    private final Clock clock;

    public ConnectorContexts(SwitchboardProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** A context for one call of the connector for one tenant. */
    public ConnectorContext create(String tenant, ConnectorDescriptor descriptor, ConnectorConfig config) {
        SwitchboardProperties.ConnectorSettings settings = properties.connectors().get(descriptor.providerId());
        URI base = settings != null && settings.apiBaseUrl() != null ? settings.apiBaseUrl() : descriptor.defaultApiBaseUrl();
        URI apiBase = URI.create(base.toString().replaceAll("/+$", ""));
        boolean allowPrivate = settings != null && settings.allowPrivateNetwork();
        Set<String> hosts = new HashSet<>();
        if (apiBase.getHost() != null) {
            hosts.add(apiBase.getHost().toLowerCase(Locale.ROOT));
        }
        descriptor.allowedHosts().forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        GuardedHttpClient http = new GuardedHttpClient(Set.copyOf(hosts), allowPrivate,
                properties.processing().connectorTimeout());
        Logger logger = LoggerFactory.getLogger("connector." + descriptor.providerId());
        return new Context(tenant, config, clock, apiBase, http, logger);
    }

    private record Context(String tenant, ConnectorConfig config, Clock clock, URI apiBaseUrl, ConnectorHttpClient http,
            Logger log) implements ConnectorContext {}
}
