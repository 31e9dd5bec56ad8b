package io.switchboard.connector.testkit;

import static io.switchboard.connector.testkit.ConnectorCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.Channel;
import io.switchboard.connector.ConfigField;
import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.OutboundMessage;
import io.switchboard.connector.SendOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MessageChannel} keeps, as a JUnit 5 test class to extend with a small subclass:
 *
 * <ul>
 *   <li>the descriptor is valid, and the configured tenant uses only fields it declares;
 *   <li>the channel is declared, the same on every call;
 *   <li>a connection with nothing configured, or without any one of its required fields, is Rejected
 *       without calling the provider (never an exception);
 *   <li>an unreachable provider is RetryLater, never an exception, so the platform retries with the same
 *       idempotency key;
 *   <li>the connector keeps no tenant state in fields.
 * </ul>
 *
 * <p>A minimal subclass:
 *
 * <pre>{@code
 * class AcmeSmsChannelContractTest extends MessageChannelContractTest {
 *
 *     protected MessageChannel connector() {
 *         return new AcmeSmsChannel();
 *     }
 *
 *     protected FakeConnectorContext.Builder contextBuilder() {
 *         return FakeConnectorContext.builder()
 *                 .secret("apiKey", "acme-test-key")
 *                 .setting("senderId", "ACME");
 *     }
 * }
 * }</pre>
 *
 * <p>No contract test here sends successfully, so no fake of the provider is needed; test real sends
 * against a local fake (WireMock) in the connector's own tests. Every send made here goes to a closed port on
 * the loopback interface, whatever {@link #contextBuilder()} sets as API base URL.
 *
 * <p>The contract methods are public so that a subclass can override one, for example to add a
 * {@code @Disabled("reason")} where it cannot apply; say why.
 */
public abstract class MessageChannelContractTest {

    /** The connector under test; each contract test asks once and uses that instance throughout. */
    protected abstract MessageChannel connector();

    /**
     * A fresh builder for a fully configured tenant: every required setting and secret, as for a real send.
     * Called many times; each call must return a new builder with the same configuration.
     */
    protected abstract FakeConnectorContext.Builder contextBuilder();

    /**
     * The message sent in the tests: by default a short text to {@code +33639980101} for SMS, or a small
     * email to {@code someone@example.com}. Override when the connector needs another shape.
     */
    protected OutboundMessage message() {
        Channel channel = connector().channel();
        return channel == Channel.EMAIL
                ? new OutboundMessage("contract-message-1", "someone@example.com", "Contract test",
                        "A message from the connector contract test.", "<p>A message from the contract test.</p>")
                : new OutboundMessage("contract-message-1", "+33639980101", "",
                        "A message from the connector contract test.", "");
    }

    /**
     * The descriptor has a slug provider id, a display name and description, labelled and described fields
     * with distinct names, credentials flagged secret and a usable API base URL; it is the same on every call.
     */
    @Test
    public void descriptorIsValid() {
        MessageChannel connector = connector();

        DescriptorContract.assertValid(connector.descriptor(), false);
        assertThat(connector.descriptor()).as("descriptor on a second call").isEqualTo(connector.descriptor());
    }

    /** The configured tenant sets every required field and only declared ones, each of the declared kind. */
    @Test
    public void configuredTenantUsesTheDeclaredFields() {
        DescriptorContract.assertConfigurationIsDeclared(connector().descriptor(), contextBuilder().build().config());
    }

    /** The channel is declared and does not change. */
    @Test
    public void channelIsDeclared() {
        MessageChannel connector = connector();

        assertThat(connector.channel()).as("channel").isNotNull().isEqualTo(connector.channel());
    }

    /** A connection with nothing configured is Rejected without a call to the provider. */
    @Test
    public void unconfiguredConnectionIsRejectedWithoutCallingTheProvider() {
        FakeConnectorContext unconfigured = FakeConnectorContext.builder().apiBaseUrl(closedPortUrl()).build();

        SendOutcome outcome = send(connector(), message(), unconfigured);

        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(((SendOutcome.Rejected) outcome).recipientOptedOut())
                .as("a configuration problem is not the recipient opting out").isFalse();
        assertThat(unconfigured.recordedHttp().calls()).as("HTTP calls").isEmpty();
    }

    /** Leaving out any one required field is Rejected without a call to the provider. */
    @Test
    public void missingRequiredFieldIsRejectedWithoutCallingTheProvider() {
        MessageChannel connector = connector();
        FakeConnectorContext configured = contextBuilder().apiBaseUrl(closedPortUrl()).build();

        for (ConfigField field : connector.descriptor().fields()) {
            if (!field.required()) {
                continue;
            }
            FakeConnectorContext missing = ContextVariants.without(configured, field.name());

            assertThat(send(connector, message(), missing)).as("send without %s", field.name())
                    .isInstanceOf(SendOutcome.Rejected.class);
            assertThat(missing.recordedHttp().calls()).as("HTTP calls without %s", field.name()).isEmpty();
        }
    }

    /** A provider that cannot be reached is a temporary failure: RetryLater, not an exception or a rejection. */
    @Test
    public void unreachableProviderIsRetriedLater() {
        FakeConnectorContext context = contextBuilder().apiBaseUrl(closedPortUrl()).build();

        assertThat(send(connector(), message(), context)).isInstanceOf(SendOutcome.RetryLater.class);
    }

    /**
     * No field of the connector can carry state from one call to the next: every field is final, and final
     * instance fields hold no arrays, modifiable collections, atomics or thread-locals.
     */
    @Test
    public void connectorKeepsNoStateInFields() {
        assertThat(StatelessConnectorCheck.mutableState(connector()))
                .as("fields that could carry one tenant's state into another tenant's call")
                .isEmpty();
    }

    /** A loopback URL on a port just released: connecting is refused at once. */
    private static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
