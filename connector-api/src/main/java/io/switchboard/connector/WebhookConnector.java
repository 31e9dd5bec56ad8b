package io.switchboard.connector;

import java.util.Optional;

/**
 * A connector that receives a provider's webhooks at {@code /webhooks/{tenant}/{providerId}}.
 *
 * <p>The platform calls {@link #verify} on the request thread with the raw request; only when it returns
 * {@link Verification.Verified} is anything stored. Later a worker calls {@link #interpret} with the stored
 * delivery; that step may call the provider's API through {@link ConnectorContext#http()} and returns the
 * commands to apply. Both calls must be deterministic for the same input and keep no state between calls.
 */
public interface WebhookConnector extends Connector {

    /**
     * Checks the request's signature with the tenant's secrets and extracts its events. Verify before
     * parsing anything else, and compare signatures in constant time.
     */
    Verification verify(InboundRequest request, ConnectorContext context);

    /**
     * Answers a GET on the webhook URL (a subscription handshake). Empty means the connector has none and
     * the platform answers 405.
     */
    default Optional<HandshakeResponse> handshake(InboundRequest request, ConnectorContext context) {
        return Optional.empty();
    }

    /**
     * The key that routes an event received on the operator-wide endpoint {@code /webhooks/_shared/{providerId}}
     * to the tenants whose connection has that value in the operator's routing setting (for Meta: the page id).
     * Connectors that have no operator-wide app return empty, the default.
     */
    default Optional<String> routingKey(ReceivedEvent event) {
        return Optional.empty();
    }

    /**
     * Turns a stored delivery into commands. Throwing is treated like {@link Interpretation.Retry}.
     */
    Interpretation interpret(StoredDelivery delivery, ConnectorContext context);
}
