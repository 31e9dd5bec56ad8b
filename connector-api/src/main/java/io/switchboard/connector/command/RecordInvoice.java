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
 * @param invoiceUrl where the customer can see and pay the invoice (Stripe's hosted invoice page), offered to
 *     templates as {@code invoice.url}; empty when the provider gives none. Since connector API 1.1.
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
        Instant occurredAt,
        String invoiceUrl) implements Command {
    public RecordInvoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        subscriptionId = subscriptionId == null ? "" : subscriptionId;
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(occurredAt, "occurredAt");
        invoiceUrl = invoiceUrl == null ? "" : invoiceUrl;
    }

    /** An invoice without a link to it: the connector API 1.0 form, which plugins built against it call. */
    public RecordInvoice(String invoiceId, String subscriptionId, ContactRef customer, boolean paid, int attemptCount,
            Money amountDue, Instant nextAttemptAt, int suspendAfterFailures, Instant occurredAt) {
        this(invoiceId, subscriptionId, customer, paid, attemptCount, amountDue, nextAttemptAt, suspendAfterFailures,
                occurredAt, "");
    }
}
