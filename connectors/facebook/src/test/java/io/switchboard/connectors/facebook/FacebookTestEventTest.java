package io.switchboard.connectors.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.testkit.FakeConnectorContext;
import org.junit.jupiter.api.Test;

/** What is particular to this connector's test event; the contract test checks the rest (verify, ignore, new keys). */
class FacebookTestEventTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/facebook";

    private final FacebookLeadAdsConnector connector = new FacebookLeadAdsConnector();

    /** Connections served by the operator's shared Meta app hold no app secret to sign with. */
    @Test
    void noTestEventWithoutAnAppSecret() {
        FakeConnectorContext shared = FakeConnectorContext.builder()
                .setting(FacebookLeadAdsConnector.PAGE_ID, "108523746190284").build();

        assertThat(connector.testRequest(URL, shared)).isEmpty();
    }
}
