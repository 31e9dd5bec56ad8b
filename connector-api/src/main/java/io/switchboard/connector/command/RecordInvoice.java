package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscription invoice paid or failed. Each failure (invoice and attempt) counts once; the customer is
 * sent {@code invoice.payment_failed}; once the failures since the last success reach
 * {@code suspendAfterFailures}, the subscription's service is suspended and an incident logged. A paid
 * invoice clears the count and lifts the suspension.
 *
 * @param invoiceId the provider's invoice id
 * @param subscriptionId the subscription billed, or empty
 * @param customer who is billed
 * @param paid whether this is a success
 * @param attemptCount the provider's attempt number for this invoice
 * @param amountDue the amount billed
 * @param nextAttemptAt when the provider retries, or null when it will not
 * @param suspendAfterFailures failures after which service is suspended (0: never)
 * @param occurredAt when it happened
 */
public record RecordInvoice(
        String invoiceId,
        String subscriptionId,
        ContactRef customer,
        boolean paid,
        int attemptCount,
        Money amountDue,
        Instant nextAttemptAt,
        int suspendAfterFailures,
        Instant occurredAt) implements Command {
    public RecordInvoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        subscriptionId = subscriptionId == null ? "" : subscriptionId;
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
