package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.IncompleteEventException.require;

import io.switchboard.connector.Interpretation;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.Money;
import io.switchboard.connector.command.UpdateSubscription;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code customer.subscription.created|updated|deleted}: the subscription's state as of the event.
 *
 * <p>Reads both object shapes: since API 2025-03-31 (basil) the price and the current period live on the
 * subscription items; endpoints pinned to older versions also carry the top-level {@code plan},
 * {@code quantity} and {@code current_period_end}. A subscription with several items is described by its
 * first one.
 */
final class SubscriptionInterpreter {

    static final String DELETED = "customer.subscription.deleted";

    private SubscriptionInterpreter() {}

    static Interpretation interpret(StripeEvent event) {
        JsonView subscription = event.object();
        String subscriptionId = require(subscription.get("id").text(), "id");
        String customerId = subscription.get("customer").id();
        if (customerId.isEmpty()) {
            throw new IncompleteEventException("subscription " + subscriptionId + " names no customer");
        }
        JsonView item = subscription.path("items", "data").first();
        Plan plan = Plan.of(item, subscription);
        Instant periodEnd = item.get("current_period_end").epochSeconds()
                .or(() -> subscription.get("current_period_end").epochSeconds())
                .orElse(null);
        String previousPlanId = previousPlanId(event.previousAttributes());
        return Interpretation.apply(new UpdateSubscription(
                subscriptionId,
                ContactRef.byCustomerId(customerId),
                require(subscription.get("status").text(), "status"),
                plan.id(),
                plan.name(),
                plan.amount(),
                plan.interval(),
                periodEnd,
                subscription.get("cancel_at_period_end").isTrue(),
                subscription.get("canceled_at").epochSeconds().orElse(null),
                previousPlanId.equals(plan.id()) ? "" : previousPlanId,
                DELETED.equals(event.type()),
                event.created()));
    }

    /** The plan before the change, when {@code previous_attributes} shows one; {@code ""} otherwise. */
    private static String previousPlanId(JsonView previous) {
        JsonView item = previous.path("items", "data").first();
        return item.path("price", "id").text()
                .or(() -> item.path("plan", "id").text())
                .or(() -> previous.path("plan", "id").text())
                .orElse("");
    }

    /**
     * What the subscription bills.
     *
     * @param amount the recurring amount (unit amount times quantity), or null when the price has none
     *     (tiered or metered prices)
     */
    private record Plan(String id, String name, Money amount, String interval) {

        static Plan of(JsonView item, JsonView subscription) {
            JsonView price = item.get("price");
            if (price.isObject()) {
                long quantity = item.get("quantity").wholeNumber().orElse(1L);
                return new Plan(
                        price.get("id").textOrEmpty(),
                        name(price),
                        money(price.get("unit_amount"), price.get("currency"), subscription, quantity),
                        price.path("recurring", "interval").textOrEmpty());
            }
            JsonView plan = item.get("plan").isObject() ? item.get("plan") : subscription.get("plan");
            long quantity = item.get("quantity").wholeNumber()
                    .or(() -> subscription.get("quantity").wholeNumber())
                    .orElse(1L);
            return new Plan(
                    plan.get("id").textOrEmpty(),
                    name(plan),
                    money(plan.get("amount"), plan.get("currency"), subscription, quantity),
                    plan.get("interval").textOrEmpty());
        }

        /** The product's name when the product is expanded, else the price's nickname. */
        private static String name(JsonView priceOrPlan) {
            return priceOrPlan.path("product", "name").text().orElse(priceOrPlan.get("nickname").textOrEmpty());
        }

        private static Money money(JsonView unitAmount, JsonView currency, JsonView subscription, long quantity) {
            String code = currency.text().orElse(subscription.get("currency").textOrEmpty());
            Optional<Long> amount = unitAmount.wholeNumber();
            if (amount.isEmpty() || code.isEmpty()) {
                return null;
            }
            try {
                return Money.of(Math.multiplyExact(amount.get(), quantity), code);
            } catch (ArithmeticException e) {
                return null;
            }
        }
    }
}
