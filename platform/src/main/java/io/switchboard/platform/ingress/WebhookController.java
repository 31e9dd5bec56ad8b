package io.switchboard.platform.ingress;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.HandshakeResponse;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.connectorhost.ConnectorContexts;
import io.switchboard.platform.connectorhost.ConnectorHost;
import io.switchboard.platform.connectorhost.LoadedConnector;
import io.switchboard.platform.processing.WorkSignal;
import io.switchboard.platform.support.Problems;
import io.switchboard.platform.tenancy.Connection;
import io.switchboard.platform.tenancy.ConnectionStore;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /webhooks/{tenant}/{provider}}: find the tenant and its connection, let the connector verify the
 * raw bytes with the tenant's secrets, store and enqueue in one transaction, then acknowledge. Nothing is
 * acknowledged that is not durable: if the database is away the answer is 503 and the provider retries.
 */
@RestController
@Tag(name = "Webhooks", description = "Where providers deliver webhooks; verified with the tenant's own secrets")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final TenantRegistry tenants;
    private final ConnectionStore connections;
    private final ConnectorHost host;
    private final ConnectorContexts contexts;
    private final DeliveryStore store;
    private final IngressMetrics metrics;
    private final WorkSignal signal;
    private final JsonMapper json;
    private final SwitchboardProperties properties;
    private final Map<String, Semaphore> verifying = new ConcurrentHashMap<>();

    WebhookController(TenantRegistry tenants, ConnectionStore connections, ConnectorHost host, ConnectorContexts contexts,
            DeliveryStore store, IngressMetrics metrics, WorkSignal signal, JsonMapper json, SwitchboardProperties properties) {
        this.tenants = tenants;
        this.connections = connections;
        this.host = host;
        this.contexts = contexts;
        this.store = store;
        this.metrics = metrics;
        this.signal = signal;
        this.json = json;
        this.properties = properties;
    }

    @PostMapping("/webhooks/{tenant}/{provider}")
    @Operation(operationId = "receiveWebhook", summary = "Receive a provider webhook",
            description = "Verifies the signature with the tenant's secrets, stores the event durably and answers 200 "
                    + "(or the provider's expected acknowledgement). 400 when verification fails, 404 for an unknown "
                    + "tenant or provider, 413 for a body over the limit, 415 for a body that is not JSON, a form or text, 503 "
                    + "when storage is unavailable.")
    ResponseEntity<?> receive(@PathVariable String tenant, @PathVariable String provider, HttpServletRequest request) {
        long started = System.nanoTime();
        MDC.put("tenant", tenant);
        try {
            Target target = resolve(tenant, provider).orElse(null);
            if (target == null) {
                metrics.rejected(knownOrOther(provider), "unknown");
                return Problems.response(HttpStatus.NOT_FOUND, "unknown-webhook",
                        "No enabled " + provider + " connection for tenant " + tenant);
            }
            long max = properties.ingress().maxBodyBytes();
            if (request.getContentLengthLong() > max) {
                metrics.rejected(knownOrOther(provider), "too_large");
                return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body exceeds " + max + " bytes");
            }
            if (!RawRequests.acceptableContentType(request)) {
                metrics.rejected(knownOrOther(provider), "unsupported_type");
                return unsupportedType();
            }
            byte[] body = RawRequests.readLimited(request, max);
            if (body == null) {
                metrics.rejected(knownOrOther(provider), "too_large");
                return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body exceeds " + max + " bytes");
            }
            InboundRequest inbound = RawRequests.inbound(request, body, properties.publicBase());
            Optional<Verification> verifiedOrBusy = verify(target, inbound);
            if (verifiedOrBusy.isEmpty()) {
                metrics.rejected(provider, "busy");
                log.warn("Too many {} webhooks being verified at once: is its connector stuck? Answered 503", provider);
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "connector-busy",
                                "The " + provider + " connector is busy; retry later"));
            }
            Verification verification = verifiedOrBusy.get();
            if (verification instanceof Verification.Rejected rejected) {
                metrics.rejected(knownOrOther(provider), "unverified");
                log.info("Rejected {} webhook for {}: {}", provider, tenant, rejected.reason());
                return Problems.response(HttpStatus.BAD_REQUEST, "webhook-rejected", rejected.reason());
            }
            Verification.Verified verified = (Verification.Verified) verification;
            int stored = store.store(target.tenant(), provider, verified.events(), RawRequests.headersJson(inbound, json));
            metrics.accepted(provider, stored, verified.events().size() - stored);
            if (stored > 0) {
                signal.workAvailable();
            }
            var ack = verified.acknowledgement();
            return ResponseEntity.status(ack.status()).contentType(MediaType.parseMediaType(ack.contentType())).body(ack.body());
        } catch (DataAccessException | TransactionException e) {
            metrics.rejected(knownOrOther(provider), "unavailable");
            log.warn("Storage unavailable for {} webhook: {}", provider, e.getMostSpecificCause().toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                            "Storage is unavailable; retry later"));
        } catch (IOException e) {
            metrics.rejected(knownOrOther(provider), "unreadable");
            return Problems.response(HttpStatus.BAD_REQUEST, "unreadable-body", "The body could not be read");
        } finally {
            metrics.handled(knownOrOther(provider), System.nanoTime() - started);
            MDC.remove("tenant");
        }
    }

    @GetMapping("/webhooks/{tenant}/{provider}")
    @Operation(operationId = "answerWebhookHandshake", summary = "Answer a provider's subscription handshake",
            description = "For example Meta's hub.challenge check with the tenant's verify token; 403 on a wrong token.")
    ResponseEntity<?> handshake(@PathVariable String tenant, @PathVariable String provider, HttpServletRequest request) {
        Target target = resolve(tenant, provider).orElse(null);
        if (target == null) {
            return Problems.response(HttpStatus.NOT_FOUND, "unknown-webhook",
                    "No enabled " + provider + " connection for tenant " + tenant);
        }
        InboundRequest inbound = RawRequests.inbound(request, new byte[0], properties.publicBase());
        Optional<HandshakeResponse> response;
        try {
            response = target.webhook().handshake(inbound, context(target));
        } catch (RuntimeException | LinkageError e) {
            log.error("Connector {} failed a handshake", provider, e);
            return Problems.response(HttpStatus.BAD_REQUEST, "handshake-failed", "The handshake could not be answered");
        }
        return response.<ResponseEntity<?>>map(r -> ResponseEntity.status(r.status())
                        .contentType(MediaType.parseMediaType(r.contentType())).body(r.body()))
                .orElseGet(() -> Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "no-handshake",
                        provider + " webhooks are POSTed"));
    }

    /** 415 for a body that is not JSON, a form or text. */
    static ResponseEntity<?> unsupportedType() {
        return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Webhooks are accepted as JSON, forms or plain text");
    }

    /** The provider as a metric tag: installed providers by name, anything else folded into one value. */
    private String knownOrOther(String provider) {
        return host.find(provider).isPresent() ? provider : "other";
    }

    private Optional<Target> resolve(String slug, String provider) {
        Optional<Tenant> tenant = tenants.find(slug).filter(Tenant::isActive);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        Optional<LoadedConnector> connector = host.find(provider).filter(c -> c.webhook().isPresent());
        Optional<Connection> connection = connections.find(tenant.get().id(), provider).filter(Connection::enabled);
        if (connector.isEmpty() || connection.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(tenant.get(), connector.get(), connection.get()));
    }

    /**
     * The connector's verdict, or empty when it is already verifying as many of its provider's requests as it may.
     * Verification runs on the request thread, on the path every webhook takes, so it has no time limit of its own;
     * the per-provider bound is what keeps a plugin that hangs from taking every request thread with it.
     */
    private Optional<Verification> verify(Target target, InboundRequest inbound) {
        Semaphore permits = verifying.computeIfAbsent(target.connector().providerId(),
                provider -> new Semaphore(properties.ingress().maxConcurrentVerifications()));
        if (!permits.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(target.webhook().verify(inbound, context(target)));
        } catch (RuntimeException | LinkageError e) {
            log.error("Connector {} threw while verifying a request", target.connector().providerId(), e);
            return Optional.of(Verification.rejected("the connector could not verify this request"));
        } finally {
            permits.release();
        }
    }

    private ConnectorContext context(Target target) {
        return contexts.create(target.tenant().slug(), target.connector().descriptor(), target.connection().config());
    }

    private record Target(Tenant tenant, LoadedConnector connector, Connection connection) {
        WebhookConnector webhook() {
            return connector.webhook().orElseThrow();
        }
    }
}
