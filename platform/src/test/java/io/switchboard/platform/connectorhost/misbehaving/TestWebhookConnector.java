package io.switchboard.platform.connectorhost.misbehaving;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import java.net.URI;
import java.util.List;

/**
 * Base of the test plugins: a webhook connector that accepts any request carrying an {@code X-Test-Event}
 * header (its dedupe key), so each plugin's own behaviour shows in {@code interpret}. These classes are
 * packed into plugin jars at test time by {@code TestPluginJars}; they are not extensions of the platform.
 */
public abstract class TestWebhookConnector implements WebhookConnector {

    /** The header whose value is the event's dedupe key. */
    public static final String EVENT_HEADER = "X-Test-Event";
    /** An optional setting some test plugins read. */
    public static final String TARGET_URL = "targetUrl";

    private final ConnectorDescriptor descriptor;

    protected TestWebhookConnector(String providerId) {
        this.descriptor = new ConnectorDescriptor(providerId, "Test " + providerId, "A plugin for containment tests.",
                List.of(ConfigField.optionalSetting(TARGET_URL, "Target URL", "A URL the plugin calls.", FieldType.TEXT)),
                List.of("test"), URI.create("https://api.test-plugins.example"), List.of());
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        return request.header(EVENT_HEADER)
                .<Verification>map(id -> Verification.verified(
                        new ReceivedEvent(id, "test", context.clock().instant(), request.body())))
                .orElse(Verification.rejected(EVENT_HEADER + " header missing"));
    }

    /** Blocks for the time given, deaf to interruption, like code stuck in a blocking call that never returns. */
    protected static void hangDeafToInterruption(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException ignored) {
                // Deliberately deaf to cancellation: the platform must not depend on a plugin's cooperation.
            }
        }
    }
}
