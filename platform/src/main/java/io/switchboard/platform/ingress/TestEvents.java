package io.switchboard.platform.ingress;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.connectorhost.ConnectorContexts;
import io.switchboard.platform.connectorhost.LoadedConnector;
import io.switchboard.platform.processing.WorkSignal;
import io.switchboard.platform.tenancy.Connection;
import io.switchboard.platform.tenancy.Tenant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a connector's own test request through ingress, in process: the connector signs it with the tenant's
 * secrets, the same {@code verify} the provider's requests meet checks it, and it is stored and enqueued like
 * any webhook, so a worker interprets it. Nothing leaves the process: the request goes to the tenant's own
 * webhook, never to a URL anyone chose (see ADR 11).
 */
@Component
public class TestEvents {

    private static final Logger log = LoggerFactory.getLogger(TestEvents.class);

    private final ConnectorContexts contexts;
    private final DeliveryStore store;
    private final WorkSignal signal;
    private final JsonMapper json;
    private final SwitchboardProperties properties;

    TestEvents(ConnectorContexts contexts, DeliveryStore store, WorkSignal signal, JsonMapper json,
            SwitchboardProperties properties) {
        this.contexts = contexts;
        this.store = store;
        this.signal = signal;
        this.json = json;
        this.properties = properties;
    }

    /** What became of a test event. */
    public sealed interface Outcome {

        /** The connector cannot build a test event for this connection (none offered, or a secret is missing). */
        record Unsupported() implements Outcome {}

        /** The connector's verify refused it: the provider would get this status and reason. */
        record Rejected(int httpStatus, String reason) implements Outcome {}

        /** Stored and enqueued (or already stored) under these dedupe keys; the provider would get this status. */
        record Accepted(int httpStatus, String provider, List<String> dedupeKeys) implements Outcome {}

        /** Storage is unavailable: the provider would get a 503. */
        record Unavailable(int httpStatus, String reason) implements Outcome {}
    }

    /** Whether the connector offers test events at all: it overrides {@link WebhookConnector#testRequest}. */
    public static boolean offered(LoadedConnector connector) {
        return connector.webhook().map(TestEvents::overridesTestRequest).orElse(false);
    }

    /** The tenant's public webhook URL for the provider, as connectors see it in {@link InboundRequest#publicUrl()}. */
    public String webhookUrl(Tenant tenant, String provider) {
        return properties.publicBase() + "/webhooks/" + tenant.slug() + "/" + provider;
    }

    /** Builds, verifies and stores one test event for an enabled connection. */
    public Outcome send(Tenant tenant, LoadedConnector connector, Connection connection) {
        WebhookConnector webhook = connector.webhook().orElse(null);
        if (webhook == null || !offered(connector)) {
            return new Outcome.Unsupported();
        }
        ConnectorContext context = contexts.create(tenant.slug(), connector.descriptor(), connection.config());
        Optional<InboundRequest> request;
        Verification verification;
        try {
            request = webhook.testRequest(webhookUrl(tenant, connector.providerId()), context);
            if (request.isEmpty()) {
                return new Outcome.Unsupported();
            }
            verification = webhook.verify(request.get(), context);
        } catch (RuntimeException | LinkageError e) {
            log.error("Connector {} failed to build or verify its test event", connector.providerId(), e);
            return new Outcome.Rejected(400, "the connector could not build or verify its test event");
        }
        if (verification instanceof Verification.Rejected rejected) {
            log.info("Rejected {} test event for {}: {}", connector.providerId(), tenant.slug(), rejected.reason());
            return new Outcome.Rejected(400, rejected.reason());
        }
        Verification.Verified verified = (Verification.Verified) verification;
        try {
            int stored = store.store(tenant, connector.providerId(), verified.events(),
                    RawRequests.headersJson(request.get(), json));
            if (stored > 0) {
                signal.workAvailable();
            }
        } catch (DataAccessException | TransactionException e) {
            log.warn("Storage unavailable for a {} test event: {}", connector.providerId(),
                    e.getMostSpecificCause().toString());
            return new Outcome.Unavailable(503, "Storage is unavailable; retry later");
        }
        return new Outcome.Accepted(verified.acknowledgement().status(), connector.providerId(),
                verified.events().stream().map(ReceivedEvent::dedupeKey).toList());
    }

    private static boolean overridesTestRequest(WebhookConnector webhook) {
        try {
            return webhook.getClass().getMethod("testRequest", String.class, ConnectorContext.class)
                    .getDeclaringClass() != WebhookConnector.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
