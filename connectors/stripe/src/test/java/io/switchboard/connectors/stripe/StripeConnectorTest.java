package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.StripeTestRequests.context;
import static io.switchboard.connectors.stripe.StripeTestRequests.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

/** The descriptor (a public contract), plugin discovery, and how unknown or broken events end. */
class StripeConnectorTest {

    private final StripeConnector connector = new StripeConnector();

    @Test
    void descriptorDeclaresTheContractedConfigFields() {
        ConnectorDescriptor descriptor = connector.descriptor();

        assertThat(descriptor.providerId()).isEqualTo("stripe");
        assertThat(descriptor.displayName()).isEqualTo("Stripe");
        assertThat(descriptor.fields())
                .extracting(ConfigField::name, ConfigField::secret, ConfigField::required, ConfigField::type)
                .containsExactly(
                        tuple("webhookSecret", true, true, FieldType.TEXT),
                        tuple("previousWebhookSecret", true, false, FieldType.TEXT),
                        tuple("apiKey", true, false, FieldType.TEXT),
                        tuple("dunningMaxFailures", false, false, FieldType.INTEGER));
        assertThat(descriptor.fields()).allSatisfy(field -> {
            assertThat(field.label()).isNotBlank();
            assertThat(field.description()).isNotBlank();
        });
    }

    @Test
    void descriptorListsTheHandledEventTypesAndNoExtraHosts() {
        ConnectorDescriptor descriptor = connector.descriptor();

        assertThat(descriptor.eventTypes()).containsExactly(
                "checkout.session.completed",
                "payment_intent.succeeded",
                "charge.refunded",
                "customer.subscription.created",
                "customer.subscription.updated",
                "customer.subscription.deleted",
                "invoice.payment_succeeded",
                "invoice.payment_failed");
        assertThat(descriptor.defaultApiBaseUrl()).isEqualTo(URI.create("https://api.stripe.com"));
        assertThat(descriptor.allowedHosts()).isEmpty();
    }

    @Test
    void pf4jExtensionIndexListsTheConnector() throws IOException {
        List<String> indexed = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = url.openStream()) {
                indexed.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }

        assertThat(indexed).contains(StripeConnector.class.getName());
        assertThat(StripeConnector.class.getAnnotation(Extension.class)).isNotNull();
    }

    @Test
    void unknownEventTypeIsIgnoredWithTheTypeInTheReason() {
        StoredDelivery delivery = stored("""
                {"id": "evt_unknown_1", "object": "event", "created": 1789378868,
                 "data": {"object": {"id": "cus_1", "object": "customer"}}, "type": "customer.created"}
                """);

        assertThat(connector.interpret(delivery, context().build()))
                .isEqualTo(Interpretation.ignore("event type customer.created is not handled"));
    }

    @Test
    void storedPayloadThatIsNotAStripeEventFailsPermanently() {
        StoredDelivery delivery = new StoredDelivery("delivery-1", "evt_x", "charge.refunded",
                Instant.EPOCH, Instant.EPOCH, "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8), 1);

        assertThat(connector.interpret(delivery, context().build())).isInstanceOf(Interpretation.Fail.class);
    }

    @Test
    void handledTypesNeverCallTheNetwork() {
        FakeConnectorContext context = context().build();
        for (String file : List.of("checkout_session_completed_payment_link.json",
                "checkout_session_completed_subscription.json", "payment_intent_succeeded.json",
                "charge_refunded_partial.json", "customer_subscription_updated_plan_and_status.json",
                "invoice_payment_failed_attempt1.json")) {
            Interpretation result = connector.interpret(
                    stored(Fixtures.bytes("stripe/" + file)), context);
            assertThat(result).isNotInstanceOfAny(Interpretation.Fail.class, Interpretation.Retry.class);
        }

        assertThat(context.recordedHttp().calls()).isEmpty();
    }
}
