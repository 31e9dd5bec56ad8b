package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.IncompleteEventException.require;

import io.switchboard.connector.Interpretation;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.Money;
import io.switchboard.connector.command.RecordInvoice;

/**
 * {@code invoice.payment_succeeded|payment_failed}: the dunning signal. The platform counts failures per
 * invoice attempt, reminds the customer, suspends service after {@code dunningMaxFailures} and lifts the
 * suspension on the next success.
 */
final class InvoiceInterpreter {

    static final String PAYMENT_SUCCEEDED = "invoice.payment_succeeded";

    private InvoiceInterpreter() {}

    static Interpretation interpret(StripeEvent event, int suspendAfterFailures) {
        JsonView invoice = event.object();
        String invoiceId = require(invoice.get("id").text(), "id");
        String email = invoice.get("customer_email").textOrEmpty();
        String customerId = invoice.get("customer").id();
        if (email.isEmpty() && customerId.isEmpty()) {
            throw new IncompleteEventException("invoice " + invoiceId + " names no customer or customer email");
        }
        long attempts = invoice.get("attempt_count").wholeNumber().orElse(0L);
        return Interpretation.apply(new RecordInvoice(
                invoiceId,
                subscriptionId(invoice),
                new ContactRef(email, "", customerId),
                PAYMENT_SUCCEEDED.equals(event.type()),
                (int) Math.max(0, Math.min(attempts, Integer.MAX_VALUE)),
                Money.of(require(invoice.get("amount_due").wholeNumber(), "amount_due"),
                        require(invoice.get("currency").text(), "currency")),
                invoice.get("next_payment_attempt").epochSeconds().orElse(null),
                suspendAfterFailures,
                event.created(),
                invoice.get("hosted_invoice_url").textOrEmpty()));
    }

    /**
     * The subscription billed. API 2025-03-31 (basil) moved it from the invoice's top level to
     * {@code parent.subscription_details}; the lines name it in either version.
     */
    static String subscriptionId(JsonView invoice) {
        String fromParent = invoice.path("parent", "subscription_details", "subscription").id();
        if (!fromParent.isEmpty()) {
            return fromParent;
        }
        String topLevel = invoice.get("subscription").id();
        if (!topLevel.isEmpty()) {
            return topLevel;
        }
        for (JsonView line : invoice.path("lines", "data").elements()) {
            String fromLine = line.path("parent", "subscription_item_details", "subscription").id();
            if (fromLine.isEmpty()) {
                fromLine = line.get("subscription").id();
            }
            if (!fromLine.isEmpty()) {
                return fromLine;
            }
        }
        return "";
    }
}
