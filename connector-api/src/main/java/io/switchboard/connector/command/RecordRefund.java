package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Objects;

/**
 * A refund on a payment. Amounts are cumulative (the total refunded so far), so applying refunds in any
 * order ends in the same state; a refund that arrives before its payment is kept and wins once the payment
 * arrives.
 *
 * @param paymentIntentId the refunded payment intent
 * @param chargeId the refunded charge, or empty
 * @param totalRefunded everything refunded on the payment so far
 * @param amountCaptured the amount originally paid
 * @param fullyRefunded whether nothing is left
 * @param occurredAt when the refund happened at the provider
 */
public record RecordRefund(
        String paymentIntentId, String chargeId, Money totalRefunded, Money amountCaptured, boolean fullyRefunded,
        Instant occurredAt) implements Command {
    public RecordRefund {
        Objects.requireNonNull(paymentIntentId, "paymentIntentId");
        chargeId = chargeId == null ? "" : chargeId;
        Objects.requireNonNull(totalRefunded, "totalRefunded");
        Objects.requireNonNull(amountCaptured, "amountCaptured");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
