package io.switchboard.platform.ingress;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.HandshakeResponse;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.platform.config.SharedAppsProperties;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.connectorhost.ConnectorContexts;
import io.switchboard.platform.connectorhost.ConnectorHost;
import io.switchboard.platform.connectorhost.LoadedConnector;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.processing.WorkSignal;
import io.switchboard.platform.support.Problems;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /webhooks/_shared/{provider}}: the callback of an operator-wide provider app (one Meta app for many
 * tenants' pages). Requests are verified once with the operator's secrets; each event is then stored for the
 * tenants whose connection's routing setting (the page id) equals the event's routing key. Use it when the
 * operator runs one Meta app for everybody; a tenant that brings its own app uses {@code /webhooks/{tenant}/facebook}.
 */
@RestController
@Tag(name = "Webhooks")
class SharedAppWebhookController {

    private static final Logger log = LoggerFactory.getLogger(SharedAppWebhookController.class);

    private final SharedAppsProperties apps;
    private final ConnectorHost host;
    private final ConnectorContexts contexts;
    private final TenantRegistry tenants;
    private final DeliveryStore store;
    private final WorkSignal signal;
    private final JdbcClient platform;
    private final JsonMapper json;
    private final SwitchboardProperties properties;

    SharedAppWebhookController(SharedAppsProperties apps, ConnectorHost host, ConnectorContexts contexts, TenantRegistry tenants,
            DeliveryStore store, WorkSignal signal, Placements placements, JsonMapper json, SwitchboardProperties properties) {
        this.apps = apps;
        this.host = host;
        this.contexts = contexts;
        this.tenants = tenants;
        this.store = store;
        this.signal = signal;
        this.platform = placements.main().jdbc();
        this.json = json;
        this.properties = properties;
    }

    @GetMapping("/webhooks/_shared/{provider}")
    @Operation(operationId = "answerSharedAppHandshake", summary = "Answer the handshake of an operator-wide provider app", description = "With the operator's verify token.")
    ResponseEntity<?> handshake(@PathVariable String provider, HttpServletRequest request) {
        Optional<App> app = app(provider);
        if (app.isEmpty()) {
            return notFound(provider);
        }
        Optional<HandshakeResponse> response = app.get().webhook().handshake(RawRequests.inbound(request, new byte[0],
                properties.publicBase()), app.get().context());
        return response.<ResponseEntity<?>>map(r -> ResponseEntity.status(r.status())
                        .contentType(MediaType.parseMediaType(r.contentType())).body(r.body()))
                .orElseGet(() -> Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "no-handshake", provider + " webhooks are POSTed"));
    }

    @PostMapping("/webhooks/_shared/{provider}")
    @Operation(operationId = "receiveSharedAppWebhook", summary = "Receive a webhook of an operator-wide provider app",
            description = "Verified with the operator's secrets; each event is stored for the tenants whose connection's "
                    + "routing setting (for Meta, pageId) matches it.")
    ResponseEntity<?> receive(@PathVariable String provider, HttpServletRequest request) {
        Optional<App> app = app(provider);
        if (app.isEmpty()) {
            return notFound(provider);
        }
        if (!RawRequests.acceptableContentType(request)) {
            return WebhookController.unsupportedType();
        }
        try {
            byte[] body = RawRequests.readLimited(request, properties.ingress().maxBodyBytes());
            if (body == null) {
                return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                        "Body exceeds " + properties.ingress().maxBodyBytes() + " bytes");
            }
            InboundRequest inbound = RawRequests.inbound(request, body, properties.publicBase());
            Verification verification = app.get().webhook().verify(inbound, app.get().context());
            if (verification instanceof Verification.Rejected rejected) {
                return Problems.response(HttpStatus.BAD_REQUEST, "webhook-rejected", rejected.reason());
            }
            Verification.Verified verified = (Verification.Verified) verification;
            String headers = RawRequests.headersJson(inbound, json);
            int stored = 0;
            for (ReceivedEvent event : verified.events()) {
                Optional<String> key = app.get().webhook().routingKey(event);
                List<Tenant> targets = key.map(k -> routedTenants(provider, app.get().config().routeSetting(), k)).orElse(List.of());
                if (targets.isEmpty()) {
                    log.info("Event {} of the shared {} app matches no tenant (routing key {})", event.dedupeKey(), provider,
                            key.orElse("none"));
                }
                for (Tenant tenant : targets) {
                    stored += store.store(tenant, provider, List.of(event), headers);
                }
            }
            if (stored > 0) {
                signal.workAvailable();
            }
            var ack = verified.acknowledgement();
            return ResponseEntity.status(ack.status()).contentType(MediaType.parseMediaType(ack.contentType())).body(ack.body());
        } catch (DataAccessException | TransactionException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Storage is unavailable; retry later"));
        } catch (IOException | RuntimeException e) {
            log.warn("Shared {} webhook could not be handled: {}", provider, e.toString());
            return Problems.response(HttpStatus.BAD_REQUEST, "webhook-rejected", "The request could not be handled");
        }
    }

    private List<Tenant> routedTenants(String provider, String setting, String key) {
        return platform.sql("""
                SELECT tenant_id FROM platform.connections WHERE provider = ? AND enabled AND settings ->> ? = ?""")
                .params(provider, setting, key).query(Long.class).list().stream()
                .map(tenants::findById).flatMap(Optional::stream).filter(Tenant::isActive).toList();
    }

    private Optional<App> app(String provider) {
        SharedAppsProperties.SharedApp config = apps.sharedApps().get(provider);
        Optional<LoadedConnector> connector = host.find(provider).filter(c -> c.webhook().isPresent());
        if (config == null || connector.isEmpty() || config.routeSetting() == null) {
            return Optional.empty();
        }
        ConnectorContext context = contexts.create("_shared", connector.get().descriptor(),
                new ConnectorConfig(Map.of(), config.secrets()));
        return Optional.of(new App(config, connector.get().webhook().orElseThrow(), context));
    }

    private static ResponseEntity<Object> notFound(String provider) {
        return Problems.response(HttpStatus.NOT_FOUND, "unknown-webhook", "No shared " + provider + " app is configured");
    }

    private record App(SharedAppsProperties.SharedApp config, WebhookConnector webhook, ConnectorContext context) {}
}
