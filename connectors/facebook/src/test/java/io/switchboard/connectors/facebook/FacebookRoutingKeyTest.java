package io.switchboard.connectors.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import io.switchboard.connector.testkit.InboundRequests;
import io.switchboard.connector.testkit.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events of the operator's shared Meta app are routed by the page they belong to. */
class FacebookRoutingKeyTest {

    private final FacebookLeadAdsConnector connector = new FacebookLeadAdsConnector();

    @Test
    void theRoutingKeyOfALeadIsItsPage() {
        byte[] body = Fixtures.bytes("meta/leadgen/webhook_leadgen_two_changes.json");
        FakeConnectorContext context = FakeConnectorContext.builder().secret("appSecret", "operator-secret").build();
        Verification verification = connector.verify(InboundRequests.post()
                .header("X-Hub-Signature-256", Signatures.metaSignature("operator-secret", body))
                .header("Content-Type", "application/json").body(body).build(), context);

        assertThat(verification).isInstanceOf(Verification.Verified.class);
        for (ReceivedEvent event : ((Verification.Verified) verification).events()) {
            assertThat(connector.routingKey(event)).hasValueSatisfying(key -> assertThat(key).matches("[0-9]+"));
        }
    }

    @Test
    void aPayloadThatIsNotAPageEventHasNoRoutingKey() {
        ReceivedEvent event = new ReceivedEvent("k", "leadgen", Instant.EPOCH, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(connector.routingKey(event)).isEmpty();
    }
}
