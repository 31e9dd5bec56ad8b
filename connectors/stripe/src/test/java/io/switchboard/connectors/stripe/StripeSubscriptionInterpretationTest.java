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
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.Money;
import io.switchboard.connector.command.UpdateSubscription;
import io.switchboard.connector.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** customer.subscription.* into UpdateSubscription, in the current (items) and older (top-level plan) shapes. */
class StripeSubscriptionInterpretationTest {

    private final StripeConnector connector = new StripeConnector();

    @Test
    void createdInTrialCarriesPlanPeriodAndStatus() {
        assertThat(command(stored(Fixtures.bytes("stripe/customer_subscription_created.json")))).isEqualTo(
                new UpdateSubscription(
                        "sub_1TSK5DRk2TqLm7ZdNJhbgNlK",
                        ContactRef.byCustomerId("cus_T5ifyviId52QOo"),
                        "trialing",
                        "price_1TbQnnRk2TqLm7ZdFkUS2g8q",
                        "Essentiel",
                        Money.of(2900, "eur"),
                        "month",
                        Instant.ofEpochSecond(1790679869),
                        false,
                        null,
                        "",
                        false,
                        Instant.ofEpochSecond(1789470269)));
    }

    @Test
    void upgradeShowsThePreviousPlanFromPreviousAttributes() {
        assertThat(command(stored(Fixtures.bytes("stripe/customer_subscription_updated_plan_and_status.json"))))
                .isEqualTo(new UpdateSubscription(
                        "sub_1TSK5DRk2TqLm7ZdNJhbgNlK",
                        ContactRef.byCustomerId("cus_T5ifyviId52QOo"),
                        "active",
                        "price_1T1t68Rk2TqLm7Zd1QV4VuzP",
                        "Pro",
                        Money.of(5900, "eur"),
                        "month",
                        Instant.ofEpochSecond(1792585690),
                        false,
                        null,
                        "price_1TbQnnRk2TqLm7ZdFkUS2g8q",
                        false,
                        Instant.ofEpochSecond(1789993691)));
    }

    @Test
    void deletedEndsTheSubscription() {
        assertThat(command(stored(Fixtures.bytes("stripe/customer_subscription_deleted.json")))).isEqualTo(
                new UpdateSubscription(
                        "sub_1TJCmARk2TqLm7ZdxVG5Cmjz",
                        ContactRef.byCustomerId("cus_81BSHNcsXFMSQN"),
                        "canceled",
                        "price_1TBDruRk2TqLm7ZdQihjLH4b",
                        "Essentiel",
                        Money.of(2900, "eur"),
                        "month",
                        Instant.ofEpochSecond(1794912478),
                        false,
                        Instant.ofEpochSecond(1792929291),
                        "",
                        true,
                        Instant.ofEpochSecond(1792929292)));
    }

    @Test
    void itemChangeWithoutPriceChangeIsNotAPlanChange() {
        String json = Fixtures.text("stripe/customer_subscription_updated_plan_and_status.json")
                .replace("price_1TbQnnRk2TqLm7ZdFkUS2g8q", "price_1T1t68Rk2TqLm7Zd1QV4VuzP");

        assertThat(command(stored(json)).previousPlanId()).isEmpty();
    }

    @Test
    void expandedProductNameWinsOverNicknameAndQuantityMultipliesTheAmount() {
        String json = fixtureWith("customer_subscription_created.json", subscription -> {
            JsonObject item = subscription.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject();
            item.addProperty("quantity", 3);
            JsonObject product = new JsonObject();
            product.addProperty("id", "prod_sT94EbGG0Bf1dy");
            product.addProperty("name", "Abonnement Essentiel");
            item.getAsJsonObject("price").add("product", product);
            JsonObject customer = new JsonObject();
            customer.addProperty("id", "cus_T5ifyviId52QOo");
            customer.addProperty("object", "customer");
            subscription.add("customer", customer);
        });

        UpdateSubscription update = command(stored(json));

        assertThat(update.planName()).isEqualTo("Abonnement Essentiel");
        assertThat(update.amount()).isEqualTo(Money.of(8700, "eur"));
        assertThat(update.customer()).isEqualTo(ContactRef.byCustomerId("cus_T5ifyviId52QOo"));
    }

    /** An endpoint pinned to an API version before basil: plan, quantity and period on the subscription. */
    @Test
    void olderShapeWithTopLevelPlanAndPeriodIsRead() {
        String json = """
                {
                  "id": "evt_old_subscription_1",
                  "object": "event",
                  "api_version": "2019-12-03",
                  "created": 1700000000,
                  "data": {
                    "object": {
                      "id": "sub_old_1",
                      "object": "subscription",
                      "cancel_at_period_end": true,
                      "canceled_at": 1699990000,
                      "current_period_end": 1702592000,
                      "customer": {"id": "cus_old_1", "object": "customer"},
                      "plan": {
                        "id": "plan_basic_yearly",
                        "object": "plan",
                        "amount": 1500,
                        "currency": "usd",
                        "interval": "year",
                        "nickname": "Basic",
                        "product": {"id": "prod_basic", "object": "product", "name": "Basic Yearly"}
                      },
                      "quantity": 2,
                      "status": "active"
                    },
                    "previous_attributes": {
                      "cancel_at_period_end": false,
                      "plan": {"id": "plan_starter_yearly", "object": "plan"}
                    }
                  },
                  "type": "customer.subscription.updated"
                }
                """;

        assertThat(command(stored(json))).isEqualTo(new UpdateSubscription(
                "sub_old_1",
                ContactRef.byCustomerId("cus_old_1"),
                "active",
                "plan_basic_yearly",
                "Basic Yearly",
                Money.of(3000, "usd"),
                "year",
                Instant.ofEpochSecond(1702592000),
                true,
                Instant.ofEpochSecond(1699990000),
                "plan_starter_yearly",
                false,
                Instant.ofEpochSecond(1700000000)));
    }

    @Test
    void priceWithoutUnitAmountLeavesTheAmountUnknown() {
        String json = fixtureWith("customer_subscription_created.json", subscription -> subscription
                .getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject()
                .getAsJsonObject("price").add("unit_amount", JsonNull.INSTANCE));

        assertThat(command(stored(json)).amount()).isNull();
    }

    @Test
    void subscriptionWithoutStatusFailsPermanentlyNamingTheField() {
        String json = fixtureWith("customer_subscription_created.json", subscription -> subscription.remove("status"));

        Interpretation result = connector.interpret(stored(json), context().build());

        assertThat(result).isInstanceOfSatisfying(Interpretation.Fail.class, fail -> assertThat(fail.reason())
                .contains("evt_1Tkb5tRk2TqLm7Zd8BPVWzTQ").contains("status"));
    }

    private UpdateSubscription command(StoredDelivery delivery) {
        Interpretation result = connector.interpret(delivery, context().build());
        assertThat(result).isInstanceOf(Interpretation.Apply.class);
        List<Command> commands = ((Interpretation.Apply) result).commands();
        assertThat(commands).singleElement().isInstanceOf(UpdateSubscription.class);
        return (UpdateSubscription) commands.get(0);
    }
}
