package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.StripeTestRequests.context;
import static io.switchboard.connectors.stripe.StripeTestRequests.fixtureWith;
import static io.switchboard.connectors.stripe.StripeTestRequests.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.command.Command;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.Money;
import io.switchboard.connector.command.RecordInvoice;
import io.switchboard.connector.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** invoice.payment_succeeded and invoice.payment_failed into RecordInvoice, the dunning signal. */
class StripeInvoiceInterpretationTest {

    private static final ContactRef JULIEN = new ContactRef("julien.moreau@example.com", "", "cus_81BSHNcsXFMSQN");
    private static final String SUBSCRIPTION = "sub_1TJCmARk2TqLm7ZdxVG5Cmjz";
    private static final String PAID_INVOICE_PAGE =
            "https://invoice.stripe.com/i/acct_1Nf3QaRk2TqLm7Zd/test_qLm7Zd0EwRCzysMzdGFjY3RfMXtlc3Q?s=ap";
    private static final String FAILED_INVOICE_PAGE =
            "https://invoice.stripe.com/i/acct_1Nf3QaRk2TqLm7Zd/test_qLm7ZdyFgt5LNJMzdGFjY3RfMXtlc3Q?s=ap";

    private final StripeConnector connector = new StripeConnector();

    @Test
    void firstInvoicePaidFindsTheSubscriptionUnderParent() {
        assertThat(command(stored(Fixtures.bytes("stripe/invoice_payment_succeeded.json")))).isEqualTo(
                new RecordInvoice("in_1TFkZJRk2TqLm7Zd0EwRCzys", SUBSCRIPTION, JULIEN, true, 1,
                        Money.of(2900, "eur"), null, 3, Instant.ofEpochSecond(1789642081), PAID_INVOICE_PAGE));
    }

    @Test
    void firstFailureCarriesTheNextRetry() {
        assertThat(command(stored(Fixtures.bytes("stripe/invoice_payment_failed_attempt1.json")))).isEqualTo(
                new RecordInvoice("in_1TIqupRk2TqLm7ZdyFgt5LNJ", SUBSCRIPTION, JULIEN, false, 1,
                        Money.of(2900, "eur"), Instant.ofEpochSecond(1792496878), 3,
                        Instant.ofEpochSecond(1792237683), FAILED_INVOICE_PAGE));
    }

    @Test
    void finalFailureHasNoNextRetry() {
        assertThat(command(stored(Fixtures.bytes("stripe/invoice_payment_failed_attempt3_final.json")))).isEqualTo(
                new RecordInvoice("in_1TIqupRk2TqLm7ZdyFgt5LNJ", SUBSCRIPTION, JULIEN, false, 3,
                        Money.of(2900, "eur"), null, 3, Instant.ofEpochSecond(1792929290), FAILED_INVOICE_PAGE));
    }

    @Test
    void suspensionThresholdComesFromTheTenantSetting() {
        StoredDelivery delivery = stored(Fixtures.bytes("stripe/invoice_payment_failed_attempt1.json"));

        assertThat(command(delivery, context().setting(StripeConnector.DUNNING_MAX_FAILURES, 5L).build())
                .suspendAfterFailures()).isEqualTo(5);
        assertThat(command(delivery, context().setting(StripeConnector.DUNNING_MAX_FAILURES, "0").build())
                .suspendAfterFailures()).isZero();
        assertThat(command(delivery, context().setting(StripeConnector.DUNNING_MAX_FAILURES, -2L).build())
                .suspendAfterFailures()).isEqualTo(3);
    }

    /** An endpoint pinned to an API version before basil: the subscription is a top-level field. */
    @Test
    void olderShapeWithTopLevelSubscriptionIsRead() {
        String json = """
                {
                  "id": "evt_old_invoice_1",
                  "object": "event",
                  "api_version": "2024-06-20",
                  "created": 1720000000,
                  "data": {
                    "object": {
                      "id": "in_old_1",
                      "object": "invoice",
                      "amount_due": 1900,
                      "attempt_count": 2,
                      "currency": "eur",
                      "customer": {"id": "cus_old_2", "object": "customer"},
                      "customer_email": "Claire.Dubois@example.org",
                      "lines": {"object": "list", "data": [{"id": "il_old_1", "object": "line_item",
                        "subscription": "sub_from_line"}]},
                      "next_payment_attempt": 1720259200,
                      "subscription": "sub_old_top_level"
                    }
                  },
                  "type": "invoice.payment_failed"
                }
                """;

        assertThat(command(stored(json))).isEqualTo(new RecordInvoice(
                "in_old_1", "sub_old_top_level", new ContactRef("claire.dubois@example.org", "", "cus_old_2"), false,
                2, Money.of(1900, "eur"), Instant.ofEpochSecond(1720259200), 3, Instant.ofEpochSecond(1720000000)));
    }

    @Test
    void subscriptionFallsBackToTheLinesParent() {
        String json = fixtureWith("invoice_payment_failed_attempt1.json", invoice -> {
            invoice.remove("parent");
            JsonArray lines = invoice.getAsJsonObject("lines").getAsJsonArray("data");
            JsonObject line = lines.get(0).getAsJsonObject();
            line.remove("subscription");
            line.getAsJsonObject("parent").getAsJsonObject("subscription_item_details")
                    .addProperty("subscription", "sub_from_line_parent");
        });

        assertThat(command(stored(json)).subscriptionId()).isEqualTo("sub_from_line_parent");
    }

    @Test
    void invoiceWithoutSubscriptionHasAnEmptySubscriptionId() {
        String json = fixtureWith("invoice_payment_succeeded.json", invoice -> {
            invoice.remove("parent");
            invoice.getAsJsonObject("lines").add("data", new JsonArray());
        });

        assertThat(command(stored(json)).subscriptionId()).isEmpty();
    }

    @Test
    void invoiceWithoutAmountDueFailsPermanently() {
        String json = fixtureWith("invoice_payment_failed_attempt1.json", invoice -> invoice.remove("amount_due"));

        assertThat(connector.interpret(stored(json), context().build()))
                .isInstanceOfSatisfying(Interpretation.Fail.class,
                        fail -> assertThat(fail.reason()).contains("amount_due"));
    }

    private RecordInvoice command(StoredDelivery delivery) {
        return command(delivery, context().build());
    }

    private RecordInvoice command(StoredDelivery delivery, ConnectorContext context) {
        Interpretation result = connector.interpret(delivery, context);
        assertThat(result).isInstanceOf(Interpretation.Apply.class);
        List<Command> commands = ((Interpretation.Apply) result).commands();
        assertThat(commands).singleElement().isInstanceOf(RecordInvoice.class);
        return (RecordInvoice) commands.get(0);
    }
}
