package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.IncompleteEventException.require;

import io.switchboard.connector.Interpretation;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.EventKey;
import io.switchboard.connector.command.Money;
import io.switchboard.connector.command.RecordPayment;
import io.switchboard.connector.command.RecordRefund;

/**
 * {@code payment_intent.succeeded} and {@code charge.refunded}: payments seen from the payment intent and
 * refunds seen from the charge. Both key on the payment intent, which is how the platform matches them to
 * the payment a checkout session recorded.
 */
final class PaymentInterpreter {

    private PaymentInterpreter() {}

    /**
     * A confirmation of a payment. The platform keeps one payment per intent, so one a checkout session
     * already recorded is not counted again.
     */
    static Interpretation paymentIntentSucceeded(StripeEvent event) {
        JsonView intent = event.object();
        String paymentIntentId = require(intent.get("id").text(), "id");
        String email = intent.get("receipt_email").textOrEmpty();
        String customerId = intent.get("customer").id();
        if (email.isEmpty() && customerId.isEmpty()) {
            return Interpretation.ignore("payment intent " + paymentIntentId
                    + " names no receipt email or customer; the checkout session records the payment");
        }
        long amount = intent.get("amount_received").wholeNumber()
                .or(() -> intent.get("amount").wholeNumber())
                .orElseThrow(() -> new IncompleteEventException("the event's object has no amount_received"));
        return Interpretation.apply(new RecordPayment(
                new ContactRef(email, "", customerId),
                ContactDetails.none(),
                EventKey.none(),
                "",
                paymentIntentId,
                Money.of(amount, require(intent.get("currency").text(), "currency")),
                "",
                event.created()));
    }

    /** A refund. Stripe's amounts are cumulative, so refunds applied in any order end in the same state. */
    static Interpretation chargeRefunded(StripeEvent event) {
        JsonView charge = event.object();
        String chargeId = require(charge.get("id").text(), "id");
        String paymentIntentId = charge.get("payment_intent").id();
        if (paymentIntentId.isEmpty()) {
            return Interpretation.ignore("charge " + chargeId
                    + " has no payment intent, so no recorded payment can be matched to its refund");
        }
        String currency = require(charge.get("currency").text(), "currency");
        // amount_captured exists since API 2020-08-27; before it, a refunded charge was a fully captured one.
        long captured = require(
                charge.get("amount_captured").wholeNumber().or(() -> charge.get("amount").wholeNumber()),
                "amount_captured");
        return Interpretation.apply(new RecordRefund(
                paymentIntentId,
                chargeId,
                Money.of(require(charge.get("amount_refunded").wholeNumber(), "amount_refunded"), currency),
                Money.of(captured, currency),
                charge.get("refunded").isTrue(),
                event.created()));
    }
}
