package io.switchboard.connectors.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.testkit.FakeConnectorContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test event behind the console's button: signed with the tenant's own secrets, then ignored. */
class FacebookTestEventTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/facebook";

    private final FacebookLeadAdsConnector connector = new FacebookLeadAdsConnector();

    private static FakeConnectorContext tenant() {
        return FakeConnectorContext.builder().secret(FacebookLeadAdsConnector.APP_SECRET, "tenant-app-secret-3f9c")
                .secret(FacebookLeadAdsConnector.PAGE_ACCESS_TOKEN, "EAAGtenantToken")
                .setting(FacebookLeadAdsConnector.PAGE_ID, "108523746190284").build();
    }

    private static FakeConnectorContext otherSecrets() {
        return FakeConnectorContext.builder().secret(FacebookLeadAdsConnector.APP_SECRET, "someone-elses-secret-0b1d")
                .setting(FacebookLeadAdsConnector.PAGE_ID, "108523746190284").build();
    }

    @Test
    void testEventPassesVerifyWithTheTenantsSecretsOnly() {
        InboundRequest request = connector.testRequest(URL, tenant()).orElseThrow();

        assertThat(request.publicUrl()).isEqualTo(URL);
        assertThat(connector.verify(request, tenant())).isInstanceOf(Verification.Verified.class);
        assertThat(connector.verify(request, otherSecrets())).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void testEventIsIgnoredWithoutCallingTheProvider() {
        FakeConnectorContext context = tenant();
        ReceivedEvent event = verified(connector.testRequest(URL, context).orElseThrow(), context).get(0);
        StoredDelivery delivery = new StoredDelivery("delivery-1", event.dedupeKey(), event.eventType(),
                event.occurredAt(), context.clock().instant(), event.payload(), 1);

        assertThat(connector.interpret(delivery, context)).isEqualTo(Interpretation.ignore("test event"));
        assertThat(context.recordedHttp().calls()).isEmpty();
        assertThat(event.eventType()).isEqualTo("switchboard.test_event");
    }

    @Test
    void eachTestEventIsANewDelivery() {
        FakeConnectorContext context = tenant();
        String first = verified(connector.testRequest(URL, context).orElseThrow(), context).get(0).dedupeKey();
        String second = verified(connector.testRequest(URL, context).orElseThrow(), context).get(0).dedupeKey();

        assertThat(first).isNotEqualTo(second);
    }

    /** Connections served by the operator's shared Meta app hold no app secret to sign with. */
    @Test
    void noTestEventWithoutAnAppSecret() {
        FakeConnectorContext shared = FakeConnectorContext.builder()
                .setting(FacebookLeadAdsConnector.PAGE_ID, "108523746190284").build();

        assertThat(connector.testRequest(URL, shared)).isEmpty();
    }

    private List<ReceivedEvent> verified(InboundRequest request, FakeConnectorContext context) {
        return ((Verification.Verified) connector.verify(request, context)).events();
    }
}
