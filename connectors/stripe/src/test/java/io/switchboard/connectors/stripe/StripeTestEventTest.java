package io.switchboard.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.testkit.FakeConnectorContext;
import org.junit.jupiter.api.Test;

/** What is particular to this connector's test event; the contract test checks the rest (verify, ignore, new keys). */
class StripeTestEventTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/stripe";

    private final StripeConnector connector = new StripeConnector();

    @Test
    void noTestEventWithoutAWebhookSecret() {
        assertThat(connector.testRequest(URL, FakeConnectorContext.builder().build())).isEmpty();
    }
}
