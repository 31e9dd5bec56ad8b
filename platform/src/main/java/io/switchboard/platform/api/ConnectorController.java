package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.connector.ConfigField;
import io.switchboard.platform.connectorhost.ConnectorHost;
import io.switchboard.platform.connectorhost.LoadedConnector;
import io.switchboard.platform.connectorhost.PluginStatus;
import io.switchboard.platform.ingress.TestEvents;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The installed connector plugins and their configuration fields. */
@RestController
@Tag(name = "Connectors")
@SecurityRequirement(name = "oauth2")
class ConnectorController {

    private final ConnectorHost host;

    ConnectorController(ConnectorHost host) {
        this.host = host;
    }

    @GetMapping("/api/v1/connectors")
    @Operation(operationId = "listConnectors", summary = "List installed connectors",
            description = "Each connector with its config fields (the form a tenant fills in); plugins that were refused "
                    + "or failed to load are listed under plugins with the reason.")
    ConnectorList list() {
        return new ConnectorList(host.connectors().stream().map(ConnectorController::view).toList(), host.plugins());
    }

    @PostMapping("/api/v1/admin/plugins/reload")
    @Operation(operationId = "reloadPlugins", summary = "Reload the plugins folder", description = "Adds or upgrades plugins without a restart. Needs platform:admin.")
    ConnectorList reload() {
        host.reload();
        return list();
    }

    private static ConnectorView view(LoadedConnector connector) {
        var d = connector.descriptor();
        return new ConnectorView(d.providerId(), d.displayName(), d.description(), connector.pluginId(),
                connector.webhook().isPresent(), connector.channels().keySet().stream().map(Enum::name).sorted().toList(),
                TestEvents.offered(connector), d.eventTypes(), d.fields());
    }

    /**
     * @param items the loaded connectors
     * @param plugins how loading each plugin went
     */
    record ConnectorList(List<ConnectorView> items, List<PluginStatus> plugins) {}

    /**
     * @param providerId the id used in webhook URLs and connection paths
     * @param displayName the provider's name
     * @param description what the connector does
     * @param pluginId the plugin that provides it
     * @param receivesWebhooks whether it has a webhook endpoint
     * @param channels the outbound channels it sends on (SMS, EMAIL)
     * @param testEvents whether it can send a signed test event through a connection ({@code POST .../test})
     * @param eventTypes the provider events it understands
     * @param fields the connection's configuration fields
     */
    record ConnectorView(String providerId, String displayName, String description, String pluginId,
            boolean receivesWebhooks, List<String> channels, boolean testEvents, List<String> eventTypes, List<ConfigField> fields) {}
}
