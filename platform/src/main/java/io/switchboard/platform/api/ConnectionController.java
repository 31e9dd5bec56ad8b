package io.switchboard.platform.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.connectorhost.ConnectorHost;
import io.switchboard.platform.connectorhost.LoadedConnector;
import io.switchboard.platform.ingress.TestEvents;
import io.switchboard.platform.tenancy.Connection;
import io.switchboard.platform.tenancy.ConnectionStore;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    private static final Duration PROCESSING_WAIT = Duration.ofSeconds(5);
    private static final List<String> FINAL_STATUSES = List.of("PROCESSED", "IGNORED", "DEAD");

    private final TenantPaths paths;
    private final ConnectionStore connections;
    private final ConnectorHost host;
    private final SwitchboardProperties properties;
    private final AuditLog audit;
    private final TestEvents testEvents;
    private final TenantDatabase database;

    ConnectionController(TenantPaths paths, ConnectionStore connections, ConnectorHost host,
            SwitchboardProperties properties, AuditLog audit, TestEvents testEvents, TenantDatabase database) {
        this.paths = paths;
        this.connections = connections;
        this.host = host;
        this.properties = properties;
        this.audit = audit;
        this.testEvents = testEvents;
        this.database = database;
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

    @PostMapping("/{provider}/test")
    @Operation(operationId = "sendTestEvent", summary = "Send a test event through the connection",
            description = "The connector builds a request exactly as the provider sends it, signed with this "
                    + "connection's secrets, for a test event it stores and ignores (no contacts, payments or bookings "
                    + "are created). It goes through the tenant's own webhook ingress in process (never to another "
                    + "URL): verification, storage and processing run as for the provider. 200 with the outcome: "
                    + "ACCEPTED with the delivery and, when processing finished within a few seconds, its status; "
                    + "REJECTED with the reason the connector's verification gave; UNAVAILABLE when storage is down. "
                    + "404 without a connection, 409 when it is disabled or the connector cannot send test events "
                    + "(see testEvents in the connectors listing).")
    TestEventResult test(@PathVariable String tenant, @PathVariable String provider) {
        Tenant owner = paths.require(tenant);
        LoadedConnector connector = host.find(provider).filter(c -> c.webhook().isPresent())
                .orElseThrow(() -> ApiException.notFound("connector " + provider));
        Connection connection = connections.find(owner.id(), provider)
                .orElseThrow(() -> ApiException.notFound("connection " + provider));
        if (!owner.isActive()) {
            throw new ApiException(HttpStatus.CONFLICT, "tenant-inactive",
                    "Tenant " + tenant + " is not active: its webhooks are refused");
        }
        if (!connection.enabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "connection-disabled",
                    "The " + provider + " connection is disabled: enable it to send a test event");
        }
        if (!TestEvents.offered(connector)) {
            throw new ApiException(HttpStatus.CONFLICT, "test-events-unsupported",
                    "The " + provider + " connector cannot send test events");
        }
        TestEvents.Outcome outcome = testEvents.send(owner, connector, connection);
        audit.record(owner, "connection.test", "connections/" + provider,
                Map.of("outcome", outcome.getClass().getSimpleName()));
        if (outcome instanceof TestEvents.Outcome.Accepted accepted) {
            return accepted(owner, accepted);
        }
        if (outcome instanceof TestEvents.Outcome.Rejected rejected) {
            return new TestEventResult("REJECTED", rejected.httpStatus(), null, null,
                    "Signature rejected: " + rejected.reason() + ". Check the connection's secrets.");
        }
        if (outcome instanceof TestEvents.Outcome.Unavailable unavailable) {
            return new TestEventResult("UNAVAILABLE", unavailable.httpStatus(), null, null, unavailable.reason());
        }
        throw new ApiException(HttpStatus.CONFLICT, "test-events-unsupported", "The " + provider
                + " connector cannot build a test event for this connection: check that its secrets are set");
    }

    /** Waits briefly for the worker, so the answer usually says how the connector interpreted the event. */
    private TestEventResult accepted(Tenant owner, TestEvents.Outcome.Accepted accepted) {
        String dedupeKey = accepted.dedupeKeys().get(0);
        long deadline = System.nanoTime() + PROCESSING_WAIT.toNanos();
        StoredState state = storedState(owner, accepted.provider(), dedupeKey);
        // null while the event waits in the intake for its move into the inbox (ADR 18)
        while ((state == null || !FINAL_STATUSES.contains(state.status())) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            state = storedState(owner, accepted.provider(), dedupeKey);
        }
        if (state == null) {
            return inIntake(owner, accepted.provider(), dedupeKey)
                    ? new TestEventResult("ACCEPTED", accepted.httpStatus(), null, "RECEIVED",
                            "Verified and stored; not processed yet")
                    : new TestEventResult("ACCEPTED", accepted.httpStatus(), null, null, "Accepted, but not stored");
        }
        String detail = switch (state.status()) {
            case "IGNORED" -> "Verified, stored and processed: ignored by the connector ("
                    + (state.lastError() == null ? "test event" : state.lastError()) + ")";
            case "PROCESSED" -> "Verified, stored and processed";
            case "RECEIVED" -> "Verified and stored; not processed yet";
            default -> "Verified and stored; processing: " + state.status()
                    + (state.lastError() == null ? "" : " (" + state.lastError() + ")");
        };
        return new TestEventResult("ACCEPTED", accepted.httpStatus(), state.id(), state.status(), detail);
    }

    private StoredState storedState(Tenant owner, String provider, String dedupeKey) {
        return database.inTenant(owner, jdbc -> jdbc
                .sql("SELECT id, status, last_error FROM deliveries WHERE provider = ? AND dedupe_key = ?")
                .params(provider, dedupeKey)
                .query((rs, row) -> new StoredState(Long.toString(rs.getLong("id")), rs.getString("status"),
                        rs.getString("last_error")))
                .optional().orElse(null));
    }

    private boolean inIntake(Tenant owner, String provider, String dedupeKey) {
        return database.placementOf(owner).jdbc()
                .sql("SELECT EXISTS (SELECT 1 FROM queue.intake WHERE tenant_id = ? AND provider = ? AND dedupe_key = ?)")
                .params(owner.id(), provider, dedupeKey).query(Boolean.class).single();
    }

    private record StoredState(String id, String status, String lastError) {}

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
     * @param status ACCEPTED (verified and stored), REJECTED (verification failed) or UNAVAILABLE (storage down)
     * @param httpStatus what the webhook endpoint answered, as the provider would see it
     * @param deliveryId the stored delivery, when accepted
     * @param deliveryStatus the delivery's status when the answer was given (IGNORED once processed), when accepted
     * @param detail what happened, for people: the verification failure when rejected
     */
    record TestEventResult(String status, int httpStatus, String deliveryId, String deliveryStatus, String detail) {}

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
