package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.connectorhost.ConnectorHost;
import io.switchboard.platform.tenancy.Connection;
import io.switchboard.platform.tenancy.ConnectionStore;
import io.switchboard.platform.tenancy.Tenant;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's provider connections. Settings and secrets are checked against the connector's declared
 * fields; secrets are write-only: responses say which are set, never their values.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/connections")
@Tag(name = "Connections")
@SecurityRequirement(name = "oauth2")
class ConnectionController {

    private final TenantPaths paths;
    private final ConnectionStore connections;
    private final ConnectorHost host;
    private final SwitchboardProperties properties;
    private final AuditLog audit;

    ConnectionController(TenantPaths paths, ConnectionStore connections, ConnectorHost host,
            SwitchboardProperties properties, AuditLog audit) {
        this.paths = paths;
        this.connections = connections;
        this.host = host;
        this.properties = properties;
        this.audit = audit;
    }

    @PutMapping("/{provider}")
    @Operation(operationId = "putConnection", summary = "Configure a provider",
            description = "Settings are replaced. Secrets are merged: a value sets it, an empty string removes it, an "
                    + "absent name keeps it. Required fields must be set to enable the connection.")
    ConnectionView put(@PathVariable String tenant, @PathVariable String provider, @RequestBody ConnectionRequest request) {
        Tenant owner = paths.require(tenant);
        ConnectorDescriptor descriptor = host.find(provider).map(c -> c.descriptor())
                .orElseThrow(() -> ApiException.notFound("connector " + provider));
        Map<String, Object> settings = request.settings() == null ? Map.of() : request.settings();
        Map<String, String> secrets = request.secrets() == null ? Map.of() : request.secrets();
        boolean enabled = request.enabled() == null || request.enabled();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, ConfigField> fields = new LinkedHashMap<>();
        descriptor.fields().forEach(f -> fields.put(f.name(), f));
        settings.forEach((name, value) -> {
            ConfigField field = fields.get(name);
            if (field == null) {
                errors.put("settings." + name, "is not a setting of " + provider);
            } else if (field.secret()) {
                errors.put("settings." + name, "is a secret: send it in secrets");
            } else if (!fits(field, value)) {
                errors.put("settings." + name, "must be " + field.type().name().toLowerCase().replace('_', ' '));
            }
        });
        secrets.forEach((name, value) -> {
            ConfigField field = fields.get(name);
            if (field == null || !field.secret()) {
                errors.put("secrets." + name, "is not a secret of " + provider);
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (enabled) {
            List<String> present = new java.util.ArrayList<>(connections.find(owner.id(), provider)
                    .map(Connection::secretFieldsSet).orElse(List.of()));
            secrets.forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    present.remove(k);
                } else if (!present.contains(k)) {
                    present.add(k);
                }
            });
            for (ConfigField field : descriptor.fields()) {
                boolean set = field.secret() ? present.contains(field.name()) : settings.get(field.name()) != null;
                if (field.required() && !set) {
                    errors.put((field.secret() ? "secrets." : "settings.") + field.name(), "is required");
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }
        Connection saved = connections.save(owner.id(), provider, enabled, settings, secrets, null);
        audit.record(owner, "connection.put", "connections/" + provider,
                Map.of("enabled", enabled, "settings", settings.keySet(), "secretsChanged", secrets.keySet()));
        return view(owner, saved);
    }

    @GetMapping
    @Operation(operationId = "listConnections", summary = "List the tenant's connections")
    Page<ConnectionView> list(@PathVariable String tenant) {
        Tenant owner = paths.require(tenant);
        return new Page<>(connections.list(owner.id()).stream().map(c -> view(owner, c)).toList(), null);
    }

    @GetMapping("/{provider}")
    @Operation(operationId = "getConnection", summary = "Read one connection")
    ConnectionView get(@PathVariable String tenant, @PathVariable String provider) {
        Tenant owner = paths.require(tenant);
        return connections.find(owner.id(), provider).map(c -> view(owner, c))
                .orElseThrow(() -> ApiException.notFound("connection " + provider));
    }

    private static boolean fits(ConfigField field, Object value) {
        if (value == null) {
            return true;
        }
        return switch (field.type()) {
            case TEXT -> value instanceof String;
            case INTEGER -> value instanceof Integer || value instanceof Long
                    || (value instanceof String s && s.matches("-?\\d{1,18}"));
            case BOOLEAN -> value instanceof Boolean;
            case STRING_MAP -> value instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v instanceof String);
        };
    }

    private ConnectionView view(Tenant tenant, Connection connection) {
        return new ConnectionView(connection.provider(), connection.enabled(), connection.settings(),
                connection.secretFieldsSet(),
                properties.publicBase() + "/webhooks/" + tenant.slug() + "/" + connection.provider(), connection.updatedAt());
    }

    /**
     * @param enabled whether webhooks and sends are accepted (default true)
     * @param settings plain settings by field name
     * @param secrets secrets by field name; write-only
     */
    record ConnectionRequest(Boolean enabled, Map<String, Object> settings, Map<String, String> secrets) {}

    /**
     * @param provider the provider id
     * @param enabled whether it is enabled
     * @param settings plain settings
     * @param secretsSet the names of the secrets that are set
     * @param webhookUrl the URL to give the provider
     * @param updatedAt when it last changed
     */
    record ConnectionView(String provider, boolean enabled, Map<String, Object> settings, List<String> secretsSet,
            String webhookUrl, Instant updatedAt) {}
}
