package io.switchboard.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.MessageChannel;
import io.switchboard.connector.OutboundMessage;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.SendOutcome;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import java.util.List;

/**
 * Calls a connector the way the contract expects it to be called: an exception (any {@code Throwable},
 * a stack overflow included) or a null answer fails the test with a message naming the rule broken.
 */
final class ConnectorCalls {

    private ConnectorCalls() {}

    static Verification verify(WebhookConnector connector, InboundRequest request, ConnectorContext context) {
        Verification[] result = new Verification[1];
        assertThatCode(() -> result[0] = connector.verify(request, context))
                .as("verify must answer Rejected for bad input, never throw")
                .doesNotThrowAnyException();
        assertThat(result[0]).as("verification").isNotNull();
        return result[0];
    }

    static List<ReceivedEvent> verifiedEvents(
            WebhookConnector connector, InboundRequest request, ConnectorContext context) {
        Verification verification = verify(connector, request, context);
        assertThat(verification).as("verification of the valid request").isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) verification).events();
    }

    static Interpretation interpret(WebhookConnector connector, StoredDelivery delivery, ConnectorContext context) {
        Interpretation[] result = new Interpretation[1];
        assertThatCode(() -> result[0] = connector.interpret(delivery, context))
                .as("interpret must answer Apply, Ignore, Retry or Fail, never throw")
                .doesNotThrowAnyException();
        assertThat(result[0]).as("interpretation").isNotNull();
        return result[0];
    }

    static SendOutcome send(MessageChannel channel, OutboundMessage message, ConnectorContext context) {
        SendOutcome[] result = new SendOutcome[1];
        assertThatCode(() -> result[0] = channel.send(message, context))
                .as("send must map failures to a SendOutcome, never throw")
                .doesNotThrowAnyException();
        assertThat(result[0]).as("send outcome").isNotNull();
        return result[0];
    }
}
