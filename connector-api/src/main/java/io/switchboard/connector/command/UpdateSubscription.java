package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of a subscription as of {@code occurredAt}. Applied only when newer than what is stored. A
 * subscription that ends marks its contact CHURNED and logs the churn; an active one makes it a CUSTOMER.
 *
 * @param subscriptionId the provider's subscription id
 * @param customer who subscribes (at least the provider's customer id)
 * @param status the provider's status: trialing, active, past_due, canceled, unpaid, incomplete, ...
 * @param planId the price or plan id, or empty
 * @param planName a readable plan name, or empty
 * @param amount the recurring amount, or null when unknown
 * @param interval the billing interval (month, year), or empty
 * @param currentPeriodEnd when the paid period ends, or null
 * @param cancelAtPeriodEnd whether it will end at the period end
 * @param canceledAt when it was cancelled, or null
 * @param previousPlanId the plan before this change, or empty when the plan did not change
 * @param ended whether the subscription is over (deleted)
 * @param occurredAt when the provider made the change
 */
public record UpdateSubscription(
        String subscriptionId,
        ContactRef customer,
        String status,
        String planId,
        String planName,
        Money amount,
        String interval,
        Instant currentPeriodEnd,
        boolean cancelAtPeriodEnd,
        Instant canceledAt,
        String previousPlanId,
        boolean ended,
        Instant occurredAt) implements Command {
    public UpdateSubscription {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(status, "status");
        planId = planId == null ? "" : planId;
        planName = planName == null ? "" : planName;
        interval = interval == null ? "" : interval;
        previousPlanId = previousPlanId == null ? "" : previousPlanId;
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
