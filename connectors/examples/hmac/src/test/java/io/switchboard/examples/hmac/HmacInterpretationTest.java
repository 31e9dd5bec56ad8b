package io.switchboard.examples.hmac;

import static io.switchboard.examples.hmac.HmacTestRequests.HEADER;
import static io.switchboard.examples.hmac.HmacTestRequests.NOW;
import static io.switchboard.examples.hmac.HmacTestRequests.ORDER;
import static io.switchboard.examples.hmac.HmacTestRequests.context;
import static io.switchboard.examples.hmac.HmacTestRequests.orderContext;
import static io.switchboard.examples.hmac.HmacTestRequests.signed;
import static io.switchboard.examples.hmac.HmacTestRequests.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.RecordContactActivity;
import io.switchboard.connector.command.Severity;
import io.switchboard.connector.testkit.FakeConnectorContext;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stored event becomes a timeline entry on the contact it names, or an incident when it names none. */
class HmacInterpretationTest {

    private final HmacWebhookConnector connector = new HmacWebhookConnector();

    @Test
    void recordsTheEventOnTheNamedContactWithTheEventJsonAsData() {
        StoredDelivery delivery = stored(connector.verify(signed(ORDER), orderContext()));

        Interpretation interpretation = connector.interpret(delivery, orderContext());

        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("email", "Ada@Example.com");
        customer.put("phone", "+33612345678");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", customer);
        data.put("amount", 4500L);
        data.put("ratio", new BigDecimal("0.5"));
        data.put("tags", List.of("a", "b"));
        data.put("note", null);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_1001");
        event.put("type", "order.paid");
        event.put("data", data);
        assertThat(interpretation).isEqualTo(Interpretation.apply(new RecordContactActivity(
                new ContactRef("ada@example.com", "+33612345678"), "hmac.order.paid", "Webhook event order.paid", event,
                NOW)));
    }

    @Test
    void findsTheContactByPhoneAloneAndIgnoresValuesThatAreNotContacts() {
        String body = "{\"type\":\"Call Ended!\",\"caller\":{\"number\":\"+44 20 7946 0958\",\"mail\":\"not an email\"}}";
        FakeConnectorContext context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER,
                HmacWebhookConnector.EVENT_TYPE_PATH, "type",
                HmacWebhookConnector.CONTACT_EMAIL_PATH, "caller.mail",
                HmacWebhookConnector.CONTACT_PHONE_PATH, "caller.number");

        Interpretation interpretation = connector.interpret(stored(connector.verify(signed(body), context)), context);

        RecordContactActivity activity = (RecordContactActivity) ((Interpretation.Apply) interpretation).commands().get(0);
        assertThat(activity.contact()).isEqualTo(ContactRef.byPhone("+442079460958"));
        assertThat(activity.kind()).isEqualTo("hmac.call_ended_");
    }

    @Test
    void logsAnIncidentCarryingTheEventWhenThePathsFindNoContact() {
        String body = "{\"id\":\"evt_2\",\"type\":\"ping\"}";

        Interpretation interpretation = connector.interpret(stored(connector.verify(signed(body), orderContext())),
                orderContext());

        LogIncident incident = (LogIncident) ((Interpretation.Apply) interpretation).commands().get(0);
        assertThat(incident.kind()).isEqualTo("hmac.contact_not_found");
        assertThat(incident.severity()).isEqualTo(Severity.WARNING);
        assertThat(incident.details()).containsEntry("eventType", "ping").containsEntry("dedupeKey", "evt_2")
                .containsEntry("contactEmailPath", "$.data.customer.email")
                .containsEntry("event", Map.of("id", "evt_2", "type", "ping"));
    }

    @Test
    void storesOnlyWhenNoContactPathIsConfigured() {
        FakeConnectorContext context = context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER);

        assertThat(connector.interpret(stored(connector.verify(signed(ORDER), context)), context))
                .isInstanceOf(Interpretation.Ignore.class);
    }

    @Test
    void failsPermanentlyWhenTheConnectionBecameMisconfigured() {
        StoredDelivery delivery = stored(connector.verify(signed(ORDER), orderContext()));

        assertThat(connector.interpret(delivery, context(HmacWebhookConnector.SIGNATURE_HEADER, HEADER,
                HmacWebhookConnector.CONTACT_EMAIL_PATH, "a..b")))
                .isEqualTo(Interpretation.fail("the connection is misconfigured: contactEmailPath is "
                        + "not a JSON path of the form $.a.b[0].c: a..b"));
    }

    @Test
    void interpretsTheSameDeliveryTheSameWayEveryTime() {
        StoredDelivery delivery = stored(connector.verify(signed(ORDER), orderContext()));
        StoredDelivery retried = new StoredDelivery(delivery.id(), delivery.dedupeKey(), delivery.eventType(),
                delivery.occurredAt(), delivery.receivedAt().plusSeconds(60), delivery.payload(), 2);

        assertThat(connector.interpret(retried, orderContext())).isEqualTo(connector.interpret(delivery, orderContext()));
        assertThat(Arrays.equals(retried.payload(), delivery.payload())).isTrue();
    }
}
