package io.switchboard.platform.records;

import io.switchboard.connector.command.ContactStatus;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.RecordInvoice;
import io.switchboard.connector.command.Severity;
import io.switchboard.connector.command.UpdateSubscription;
import io.switchboard.platform.notify.Outbox;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Subscriptions and their invoices. The provider's event time decides: an update older than the stored
 * state is recorded, not applied. Failed invoice attempts are counted once each; enough of them since the
 * last success suspend the service, and a later success lifts it.
 */
@Component
class Subscriptions {

    private static final Set<String> ENDED = Set.of("canceled", "cancelled", "incomplete_expired");
    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due");

    private final Contacts contacts;
    private final Incidents incidents;
    private final Activities activities;
    private final Outbox outbox;

    Subscriptions(Contacts contacts, Incidents incidents, Activities activities, Outbox outbox) {
        this.contacts = contacts;
        this.incidents = incidents;
        this.activities = activities;
        this.outbox = outbox;
    }

    void update(ApplyScope scope, UpdateSubscription command) {
        long contactId = contacts.resolve(scope, command.customer(), ContactDetails.none(), ContactStatus.CUSTOMER);
        // The time check is part of the upsert, so two updates of a new subscription processed at the same time
        // by two workers still end with the newer one.
        int applied = scope.jdbc().sql("""
                INSERT INTO subscriptions (provider_subscription_id, contact_id, status, plan_id, plan_name, previous_plan_id,
                    amount, currency, billing_interval, current_period_end, cancel_at_period_end, canceled_at, last_event_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (provider_subscription_id) DO UPDATE SET
                    contact_id = coalesce(subscriptions.contact_id, EXCLUDED.contact_id),
                    status = EXCLUDED.status,
                    plan_id = coalesce(EXCLUDED.plan_id, subscriptions.plan_id),
                    plan_name = coalesce(EXCLUDED.plan_name, subscriptions.plan_name),
                    previous_plan_id = coalesce(EXCLUDED.previous_plan_id, subscriptions.previous_plan_id),
                    amount = coalesce(EXCLUDED.amount, subscriptions.amount),
                    currency = coalesce(EXCLUDED.currency, subscriptions.currency),
                    billing_interval = coalesce(EXCLUDED.billing_interval, subscriptions.billing_interval),
                    current_period_end = coalesce(EXCLUDED.current_period_end, subscriptions.current_period_end),
                    cancel_at_period_end = EXCLUDED.cancel_at_period_end,
                    canceled_at = coalesce(EXCLUDED.canceled_at, subscriptions.canceled_at),
                    last_event_at = EXCLUDED.last_event_at,
                    updated_at = now()
                WHERE subscriptions.last_event_at IS NULL OR subscriptions.last_event_at <= EXCLUDED.last_event_at""")
                .params(command.subscriptionId(), contactId, command.status(), Contacts.emptyToNull(command.planId()),
                        Contacts.emptyToNull(command.planName()), Contacts.emptyToNull(command.previousPlanId()),
                        command.amount() == null ? null : command.amount().minorUnits(),
                        command.amount() == null ? null : command.amount().currency(),
                        Contacts.emptyToNull(command.interval()), timestamp(command.currentPeriodEnd()),
                        command.cancelAtPeriodEnd(), timestamp(command.canceledAt()), Timestamp.from(command.occurredAt()))
                .update();
        if (applied == 0) {
            activities.record(scope, contactId, "subscription.stale_update",
                    "An older update of subscription " + command.subscriptionId() + " arrived late and was not applied",
                    Map.of("subscriptionId", command.subscriptionId(), "status", command.status()), command.occurredAt());
            describePlanIfUnknown(scope, command);
            return;
        }
        if (command.ended() || ENDED.contains(command.status())) {
            contacts.churned(scope, contactId);
            incidents.log(scope, "subscription.churned", Severity.INFO,
                    "Subscription " + command.subscriptionId() + " ended",
                    Map.of("subscriptionId", command.subscriptionId(), "contactId", contactId, "status", command.status()));
            activities.record(scope, contactId, "subscription.churned", "Subscription " + command.subscriptionId() + " ended",
                    Map.of("subscriptionId", command.subscriptionId()), command.occurredAt());
        } else if (LIVE.contains(command.status())) {
            contacts.becameCustomer(scope, contactId);
        }
        if (!command.previousPlanId().isEmpty() && !command.previousPlanId().equals(command.planId())) {
            activities.record(scope, contactId, "subscription.plan_changed",
                    "Plan changed from " + command.previousPlanId() + " to " + command.planId(),
                    Map.of("subscriptionId", command.subscriptionId(), "from", command.previousPlanId(),
                            "to", command.planId()), command.occurredAt());
        }
    }

    void invoice(ApplyScope scope, RecordInvoice command) {
        long contactId = contacts.resolve(scope, command.customer(), ContactDetails.none(), ContactStatus.CUSTOMER);
        String subscriptionId = command.subscriptionId();
        if (!subscriptionId.isEmpty()) {
            scope.jdbc().sql("""
                    INSERT INTO subscriptions (provider_subscription_id, contact_id, status) VALUES (?, ?, 'unknown')
                    ON CONFLICT (provider_subscription_id) DO NOTHING""").params(subscriptionId, contactId).update();
            scope.jdbc().sql("SELECT 1 FROM subscriptions WHERE provider_subscription_id = ? FOR UPDATE")
                    .param(subscriptionId).query().listOfRows();
        }
        if (command.paid()) {
            if (!subscriptionId.isEmpty()) {
                boolean wasSuspended = scope.jdbc().sql("""
                        UPDATE subscriptions SET last_payment_success_at = greatest(last_payment_success_at, ?), updated_at = now()
                        WHERE provider_subscription_id = ? RETURNING service_suspended""")
                        .params(Timestamp.from(command.occurredAt()), subscriptionId).query(Boolean.class).single();
                int failures = recount(scope, subscriptionId);
                if (wasSuspended && failures == 0) {
                    scope.jdbc().sql("UPDATE subscriptions SET service_suspended = false WHERE provider_subscription_id = ?")
                            .param(subscriptionId).update();
                    incidents.log(scope, "subscription.service_restored", Severity.INFO,
                            "Invoice " + command.invoiceId() + " was paid: service of " + subscriptionId + " restored",
                            Map.of("subscriptionId", subscriptionId, "invoiceId", command.invoiceId()));
                }
            }
            return;
        }
        int inserted = scope.jdbc().sql("""
                INSERT INTO invoice_failures (invoice_id, attempt_count, subscription_id, occurred_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(command.invoiceId(), command.attemptCount(), Contacts.emptyToNull(subscriptionId),
                        Timestamp.from(command.occurredAt()))
                .update();
        if (inserted == 0) {
            return;
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("payment", Map.of("amount", command.amountDue().minorUnits(), "currency", command.amountDue().currency()));
        variables.put("invoice", Map.of("id", command.invoiceId(), "attempt", command.attemptCount(),
                "url", Links.https(command.invoiceUrl())));
        outbox.enqueue(scope.jdbc(), scope.tenant(), Outbox.Notification.of("invoice.payment_failed", contactId, null,
                variables, "invoice:" + command.invoiceId() + ":" + command.attemptCount()));
        if (subscriptionId.isEmpty()) {
            return;
        }
        int failures = recount(scope, subscriptionId);
        if (command.suspendAfterFailures() > 0 && failures >= command.suspendAfterFailures()) {
            int suspended = scope.jdbc().sql("""
                    UPDATE subscriptions SET service_suspended = true, updated_at = now()
                    WHERE provider_subscription_id = ? AND NOT service_suspended""").param(subscriptionId).update();
            if (suspended > 0) {
                incidents.log(scope, "subscription.suspended", Severity.WARNING,
                        failures + " failed payments on subscription " + subscriptionId + ": service suspended",
                        Map.of("subscriptionId", subscriptionId, "failures", failures, "contactId", contactId));
            }
        }
    }

    /**
     * Fills in the plan of a subscription whose newer state never described one. A checkout completes a few
     * seconds after Stripe creates its subscription, but only {@code customer.subscription.created} names the
     * plan: when the checkout is applied first, the older event still says what is billed. Status and every
     * other field stay as the newer state set them.
     */
    private void describePlanIfUnknown(ApplyScope scope, UpdateSubscription command) {
        if (command.planId().isEmpty()) {
            return;
        }
        scope.jdbc().sql("""
                UPDATE subscriptions SET plan_id = ?, plan_name = ?, amount = ?, currency = ?, billing_interval = ?,
                    current_period_end = coalesce(current_period_end, ?), updated_at = now()
                WHERE provider_subscription_id = ? AND plan_id IS NULL""")
                .params(command.planId(), Contacts.emptyToNull(command.planName()),
                        command.amount() == null ? null : command.amount().minorUnits(),
                        command.amount() == null ? null : command.amount().currency(),
                        Contacts.emptyToNull(command.interval()), timestamp(command.currentPeriodEnd()),
                        command.subscriptionId())
                .update();
    }

    /** Counts the failures since the last success onto the subscription; returns the count. */
    private int recount(ApplyScope scope, String subscriptionId) {
        return scope.jdbc().sql("""
                UPDATE subscriptions s SET failed_payment_count = (
                    SELECT count(*) FROM invoice_failures f
                    WHERE f.subscription_id = s.provider_subscription_id
                      AND f.occurred_at > coalesce(s.last_payment_success_at, '-infinity'))
                WHERE provider_subscription_id = ? RETURNING failed_payment_count""")
                .param(subscriptionId).query(Integer.class).single();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
