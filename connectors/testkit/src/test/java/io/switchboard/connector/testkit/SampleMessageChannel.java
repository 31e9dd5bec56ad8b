package io.switchboard.connector.testkit;

import io.switchboard.connector.Channel;
import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.HttpCall;
import io.switchboard.connector.HttpResult;
import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.OutboundMessage;
import io.switchboard.connector.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A small SMS channel for testing the test kit: {@code POST {apiBaseUrl}/messages} with a bearer key. Built
 * {@link Flaw#NONE} it keeps the contract; each other flaw breaks one rule.
 */
final class SampleMessageChannel implements MessageChannel {

    static final String API_KEY = "apiKey";
    static final String SENDER = "sender";

    /** The one rule a built channel breaks. */
    enum Flaw {
        NONE,
        /** Reads its configuration with {@code Optional.get()}, so a missing field throws. */
        THROWS_WHEN_UNCONFIGURED,
        /** Lets the network exception out instead of asking for a retry. */
        THROWS_WHEN_UNREACHABLE
    }

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("sample-sms", "Sample SMS",
            "A channel for testing the test kit.",
            List.of(ConfigField.secret(API_KEY, "API key", "The key the provider issued."),
                    ConfigField.setting(SENDER, "Sender", "The sender name.", ConfigField.FieldType.TEXT)),
            List.of(), URI.create("https://sms.example.com"), List.of());

    private final Flaw flaw;

    SampleMessageChannel(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendOutcome send(OutboundMessage message, ConnectorContext context) {
        Optional<String> key = context.config().secret(API_KEY);
        Optional<String> sender = context.config().setting(SENDER);
        if (flaw != Flaw.THROWS_WHEN_UNCONFIGURED && (key.isEmpty() || sender.isEmpty())) {
            return new SendOutcome.Rejected("apiKey or sender missing", false);
        }
        HttpCall call = HttpCall.post(URI.create(context.apiBaseUrl() + "/messages"), "text/plain",
                sender.get() + ":" + message.to() + ":" + message.text())
                .withHeader("Authorization", "Bearer " + key.get());
        try {
            HttpResult result = context.http().send(call);
            return result.isSuccess()
                    ? new SendOutcome.Sent(result.bodyText())
                    : new SendOutcome.Rejected("HTTP " + result.status(), false);
        } catch (IOException e) {
            if (flaw == Flaw.THROWS_WHEN_UNREACHABLE) {
                throw new IllegalStateException("provider unreachable", e);
            }
            return new SendOutcome.RetryLater("provider unreachable", Duration.ZERO);
        }
    }
}
