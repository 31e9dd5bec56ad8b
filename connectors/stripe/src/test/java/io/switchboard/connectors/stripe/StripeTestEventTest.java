package io.switchboard.connectors.stripe;

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
class StripeTestEventTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/stripe";

    private final StripeConnector connector = new StripeConnector();

    private static FakeConnectorContext tenant() {
        return FakeConnectorContext.builder().secret(StripeConnector.WEBHOOK_SECRET, "whsec_tenant_4b1e0c").build();
    }

    private static FakeConnectorContext otherSecrets() {
        return FakeConnectorContext.builder().secret(StripeConnector.WEBHOOK_SECRET, "whsec_someone_else_9d2a").build();
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

    @Test
    void noTestEventWithoutAWebhookSecret() {
        assertThat(connector.testRequest(URL, FakeConnectorContext.builder().build())).isEmpty();
    }

    private List<ReceivedEvent> verified(InboundRequest request, FakeConnectorContext context) {
        return ((Verification.Verified) connector.verify(request, context)).events();
    }
}
