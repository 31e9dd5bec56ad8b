package io.switchboard.connectors.acuity;

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
class AcuityTestEventTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/acuity";

    private final AcuityConnector connector = new AcuityConnector();

    private static FakeConnectorContext tenant() {
        return FakeConnectorContext.builder().secret(AcuityConnector.API_KEY, "tenant-acuity-key-6e2f")
                .setting(AcuityConnector.USER_ID, "18512345").build();
    }

    private static FakeConnectorContext otherSecrets() {
        return FakeConnectorContext.builder().secret(AcuityConnector.API_KEY, "someone-elses-key-1a7c")
                .setting(AcuityConnector.USER_ID, "18512345").build();
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
    void testEventTypeIsNotListedAsAnAcuityEvent() {
        assertThat(connector.descriptor().eventTypes()).doesNotContain("switchboard.test_event");
    }

    private List<ReceivedEvent> verified(InboundRequest request, FakeConnectorContext context) {
        return ((Verification.Verified) connector.verify(request, context)).events();
    }
}
