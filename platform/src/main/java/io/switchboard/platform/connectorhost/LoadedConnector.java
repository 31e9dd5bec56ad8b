package io.switchboard.platform.connectorhost;

import io.switchboard.connector.Channel;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.WebhookConnector;
import java.util.Map;
import java.util.Optional;

/**
 * What one provider's plugin offers.
 *
 * @param pluginId the plugin that provides it
 * @param descriptor the connector's own description
 * @param webhook its webhook side, if any
 * @param channels its outbound channels
 */
public record LoadedConnector(
        String pluginId, ConnectorDescriptor descriptor, Optional<WebhookConnector> webhook,
        Map<Channel, MessageChannel> channels) {

    public LoadedConnector {
        channels = Map.copyOf(channels);
    }

    /** The provider id. */
    public String providerId() {
        return descriptor.providerId();
    }
}
