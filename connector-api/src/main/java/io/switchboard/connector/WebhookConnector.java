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
     * A request exactly as the provider would send it to {@code webhookUrl}, signed with this tenant's own
     * secrets from {@code context}, carrying a harmless test event: the tenant's "send test event" button posts
     * it through the platform's ordinary ingress, so a wrong secret shows as a rejection and a right one as a
     * stored delivery that a worker interprets.
     *
     * <p>The request must pass {@link #verify} with the same configuration and fail it with other secrets.
     * Its event must be new each time (a unique dedupe key, so a second test is not swallowed as a redelivery),
     * and {@link #interpret} must recognise it without calling the provider's API and return
     * {@link Interpretation#ignore(String)} (reason {@code "test event"}), so a test never creates contacts,
     * payments or bookings. Mark it with something the provider itself never sends (an event type or id
     * prefix of your own; {@code switchboard.test_event} is the convention) and say in your Javadoc why real
     * traffic cannot carry it. This method is called on a request thread: no network, CPU only.
     *
     * <p>The platform offers the test to tenants for connectors that override this method. Return empty when
     * the connection lacks what signing needs (for example an optional secret that is not set); the default,
     * for connectors that cannot produce a test event, is always empty.
     *
     * @param webhookUrl the tenant's public webhook URL for this connector, as {@link InboundRequest#publicUrl()}
     *     will read when the request arrives (what URL-signing providers such as Twilio sign)
     * @param context the tenant's configuration, clock and logger; its HTTP client must not be used
     * @return the signed request, or empty when none can be made for this connection
     */
    @Incubating(since = "1.1.0")
    default Optional<InboundRequest> testRequest(String webhookUrl, ConnectorContext context) {
        return Optional.empty();
    }

    /**
     * Turns a stored delivery into commands. Throwing is treated like {@link Interpretation.Retry}.
     */
    Interpretation interpret(StoredDelivery delivery, ConnectorContext context);
}
