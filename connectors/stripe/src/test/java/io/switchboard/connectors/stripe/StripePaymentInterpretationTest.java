package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.StripeTestRequests.context;
import static io.switchboard.connectors.stripe.StripeTestRequests.fixtureWith;
import static io.switchboard.connectors.stripe.StripeTestRequests.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.Command;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.ContactStatus;
import io.switchboard.connector.command.EventKey;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.Money;
import io.switchboard.connector.command.RecordPayment;
import io.switchboard.connector.command.RecordRefund;
import io.switchboard.connector.command.Severity;
import io.switchboard.connector.command.UpdateSubscription;
import io.switchboard.connector.command.UpsertContact;
import io.switchboard.connector.testkit.FakeConnectorContext;
import io.switchboard.connector.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** checkout.session.completed, payment_intent.succeeded and charge.refunded into commands. */
class StripePaymentInterpretationTest {

    private static final String PAYMENT_LINK_SESSION = "checkout_session_completed_payment_link.json";
    private static final String SUBSCRIPTION_SESSION = "checkout_session_completed_subscription.json";
    private static final String PAYMENT_LINK_SESSION_ID =
            "cs_test_a1QldTgMalr0lMlleIqsXhCYfI3NkoALE6on6WMsrGUvS2Ttok5CWuKFYP";
    private static final String PAYMENT_INTENT_ID = "pi_3TvBtxRk2TqLm7Zdd8I3Ouh8";

    private final StripeConnector connector = new StripeConnector();
    private final FakeConnectorContext context = context().build();

    @Test
    void paymentLinkPurchaseRecordsAPaidAttendeeOfTheLinkedEvent() {
        List<Command> commands = commands(stored(Fixtures.bytes("stripe/" + PAYMENT_LINK_SESSION)));

        assertThat(commands).containsExactly(new RecordPayment(
                new ContactRef("elodie.martin@example.fr", "", ""),
                ContactDetails.name("Élodie", "Martin"),
                new EventKey(EventKey.STRIPE_PAYMENT_LINK, "plink_1TysIMRk2TqLm7Zd4GUXq7j2"),
                PAYMENT_LINK_SESSION_ID,
                PAYMENT_INTENT_ID,
                Money.of(4500, "eur"),
                "",
                Instant.ofEpochSecond(1789378868)));
        assertThat(context.recordedHttp().calls()).isEmpty();
    }

    @Test
    void subscriptionCheckoutRecordsThePaymentAndMakesTheBuyerASubscribedCustomer() {
        List<Command> commands = commands(stored(Fixtures.bytes("stripe/" + SUBSCRIPTION_SESSION)));

        ContactRef julien = new ContactRef("julien.moreau@example.com", "", "cus_81BSHNcsXFMSQN");
        Instant created = Instant.ofEpochSecond(1789642081);
        assertThat(commands).containsExactly(
                new RecordPayment(
                        julien,
                        ContactDetails.name("Julien", "Moreau"),
                        EventKey.none(),
                        "cs_test_b1JCPd7MqZntLUCBs2WD3Jy2Fz0TCWu4xm14czd1zOpBFkuDiXVITpagQI",
                        "",
                        Money.of(2900, "eur"),
                        "sub_1TJCmARk2TqLm7ZdxVG5Cmjz",
                        created),
                new UpdateSubscription("sub_1TJCmARk2TqLm7ZdxVG5Cmjz", julien, "active", "", "", null, "", null,
                        false, null, "", false, created));
    }

    @Test
    void emailFallsBackToCustomerEmailAndPhoneIsNormalised() {
        String json = fixtureWith(PAYMENT_LINK_SESSION, session -> {
            session.getAsJsonObject("customer_details").add("email", JsonNull.INSTANCE);
            session.getAsJsonObject("customer_details").addProperty("phone", "+33 6 12 34 56 78");
            session.addProperty("customer_email", "Elodie.Martin@Example.FR");
        });

        RecordPayment payment = (RecordPayment) commands(stored(json)).get(0);

        assertThat(payment.contact()).isEqualTo(new ContactRef("elodie.martin@example.fr", "+33612345678", ""));
    }

    @Test
    void paymentModeIgnoresASubscriptionIdAndExpandedReferencesReadAsIds() {
        String json = fixtureWith(PAYMENT_LINK_SESSION, session -> {
            session.addProperty("subscription", "sub_should_not_be_used");
            JsonObject intent = new JsonObject();
            intent.addProperty("id", PAYMENT_INTENT_ID);
            intent.addProperty("object", "payment_intent");
            session.add("payment_intent", intent);
        });

        RecordPayment payment = (RecordPayment) commands(stored(json)).get(0);

        assertThat(payment.subscriptionId()).isEmpty();
        assertThat(payment.paymentIntentId()).isEqualTo(PAYMENT_INTENT_ID);
    }

    @Test
    void sessionWithoutAnyContactOnlyLogsAnIncident() {
        String json = fixtureWith(PAYMENT_LINK_SESSION, session -> {
            session.getAsJsonObject("customer_details").add("email", JsonNull.INSTANCE);
            session.add("customer_email", JsonNull.INSTANCE);
            session.add("customer", JsonNull.INSTANCE);
        });

        List<Command> commands = commands(stored(json));

        assertThat(commands).singleElement().isInstanceOfSatisfying(LogIncident.class, incident -> {
            assertThat(incident.kind()).isEqualTo("stripe.checkout_without_contact");
            assertThat(incident.severity()).isEqualTo(Severity.WARNING);
            assertThat(incident.summary()).contains(PAYMENT_LINK_SESSION_ID).contains("without an email");
            assertThat(incident.details())
                    .containsEntry("checkoutSessionId", PAYMENT_LINK_SESSION_ID)
                    .containsEntry("paymentLink", "plink_1TysIMRk2TqLm7Zd4GUXq7j2")
                    .containsEntry("amountTotal", 4500L)
                    .containsEntry("eventId", "evt_1ToUHNRk2TqLm7ZdydeYpnGj");
        });
    }

    @Test
    void sessionWhosePaymentIsStillPendingKeepsTheContactButRecordsNoPayment() {
        String json = fixtureWith(PAYMENT_LINK_SESSION, session -> session.addProperty("payment_status", "unpaid"));

        List<Command> commands = commands(stored(json));

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).isEqualTo(new UpsertContact(
                new ContactRef("elodie.martin@example.fr", "", ""),
                ContactDetails.name("Élodie", "Martin"),
                ContactStatus.LEAD,
                Instant.ofEpochSecond(1789378868)));
        assertThat(commands.get(1)).isInstanceOfSatisfying(LogIncident.class,
                incident -> assertThat(incident.kind()).isEqualTo("stripe.checkout_payment_pending"));
        assertThat(commands).noneMatch(RecordPayment.class::isInstance);
    }

    @Test
    void fullNamesSplitAtTheFirstBlank() {
        assertThat(CheckoutSessionInterpreter.names("Jean  Pierre Dupont"))
                .isEqualTo(ContactDetails.name("Jean", "Pierre Dupont"));
        assertThat(CheckoutSessionInterpreter.names("Cher")).isEqualTo(ContactDetails.name("Cher", ""));
        assertThat(CheckoutSessionInterpreter.names("")).isEqualTo(ContactDetails.none());
    }

    @Test
    void paymentIntentWithoutEmailOrCustomerIsLeftToTheCheckoutSession() {
        Interpretation result = connector.interpret(
                stored(Fixtures.bytes("stripe/payment_intent_succeeded.json")), context);

        assertThat(result).isInstanceOfSatisfying(Interpretation.Ignore.class,
                ignore -> assertThat(ignore.reason()).contains(PAYMENT_INTENT_ID).contains("checkout session"));
    }

    @Test
    void paymentIntentWithReceiptEmailRecordsThePaymentKeyedOnTheIntent() {
        String json = fixtureWith("payment_intent_succeeded.json",
                intent -> intent.addProperty("receipt_email", "elodie.martin@example.fr"));

        assertThat(commands(stored(json))).containsExactly(new RecordPayment(
                ContactRef.byEmail("elodie.martin@example.fr"),
                ContactDetails.none(),
                EventKey.none(),
                "",
                PAYMENT_INTENT_ID,
                Money.of(4500, "eur"),
                "",
                Instant.ofEpochSecond(1789378867)));
    }

    @Test
    void partialRefundRecordsTheCumulativeAmount() {
        assertThat(commands(stored(Fixtures.bytes("stripe/charge_refunded_partial.json")))).containsExactly(
                new RecordRefund(PAYMENT_INTENT_ID, "ch_3TvBtxRk2TqLm7Zdd8I3Ouh8", Money.of(1500, "eur"),
                        Money.of(4500, "eur"), false, Instant.ofEpochSecond(1789554837)));
    }

    @Test
    void fullRefundRecordsTheWholeAmountAsRefunded() {
        assertThat(commands(stored(Fixtures.bytes("stripe/charge_refunded_full.json")))).containsExactly(
                new RecordRefund(PAYMENT_INTENT_ID, "ch_3TvBtxRk2TqLm7Zdd8I3Ouh8", Money.of(4500, "eur"),
                        Money.of(4500, "eur"), true, Instant.ofEpochSecond(1789811679)));
    }

    @Test
    void refundOfAChargeWithoutPaymentIntentIsIgnoredWithAReason() {
        String json = fixtureWith("charge_refunded_full.json",
                charge -> charge.add("payment_intent", JsonNull.INSTANCE));

        assertThat(connector.interpret(stored(json), context)).isInstanceOfSatisfying(Interpretation.Ignore.class,
                ignore -> assertThat(ignore.reason()).contains("no payment intent"));
    }

    private List<Command> commands(StoredDelivery delivery) {
        Interpretation result = connector.interpret(delivery, context);
        assertThat(result).isInstanceOf(Interpretation.Apply.class);
        return ((Interpretation.Apply) result).commands();
    }
}
