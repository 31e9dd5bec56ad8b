package io.switchboard.connectors.stripe;

import static io.switchboard.connectors.stripe.IncompleteEventException.require;

import io.switchboard.connector.Interpretation;
import io.switchboard.connector.PhoneNumbers;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.ContactStatus;
import io.switchboard.connector.command.EventKey;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.Money;
import io.switchboard.connector.command.RecordPayment;
import io.switchboard.connector.command.Severity;
import io.switchboard.connector.command.UpdateSubscription;
import io.switchboard.connector.command.UpsertContact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code checkout.session.completed}: a Payment Link or Checkout purchase. The buyer becomes a paying
 * contact, the payment is tied to the tenant's event through the Payment Link, and a subscription-mode
 * session makes the buyer a customer with a subscription.
 */
final class CheckoutSessionInterpreter {

    private CheckoutSessionInterpreter() {}

    static Interpretation interpret(StripeEvent event) {
        JsonView session = event.object();
        String sessionId = require(session.get("id").text(), "id");
        String email = session.path("customer_details", "email").text()
                .or(() -> session.get("customer_email").text())
                .orElse("");
        String phone = PhoneNumbers.toE164(session.path("customer_details", "phone").textOrEmpty(), "").orElse("");
        String customerId = session.get("customer").id();
        String paymentLink = session.get("payment_link").id();
        String mode = session.get("mode").textOrEmpty();

        if (email.isEmpty() && phone.isEmpty() && customerId.isEmpty()) {
            return Interpretation.apply(new LogIncident(
                    "stripe.checkout_without_contact",
                    Severity.WARNING,
                    "Checkout session " + sessionId + " completed without an email, phone or customer:"
                            + " the payment cannot be attached to a contact.",
                    incidentDetails(event, sessionId, paymentLink)));
        }
        ContactRef contact = new ContactRef(email, phone, customerId);
        ContactDetails details = names(session.path("customer_details", "name").textOrEmpty());

        if ("setup".equals(mode)) {
            // A setup session saves a payment method; nothing was paid.
            return Interpretation.apply(new UpsertContact(contact, details, ContactStatus.LEAD, event.created()));
        }
        if ("unpaid".equals(session.get("payment_status").textOrEmpty())) {
            // Delayed payment methods (SEPA debit, bank transfer) complete the session before the money arrives.
            return Interpretation.apply(
                    new UpsertContact(contact, details, ContactStatus.LEAD, event.created()),
                    new LogIncident(
                            "stripe.checkout_payment_pending",
                            Severity.INFO,
                            "Checkout session " + sessionId + " completed with its payment still pending;"
                                    + " it is not recorded as paid.",
                            incidentDetails(event, sessionId, paymentLink)));
        }

        String subscriptionId = "subscription".equals(mode) ? session.get("subscription").id() : "";
        RecordPayment payment = new RecordPayment(
                contact,
                details,
                EventKey.stripePaymentLink(paymentLink),
                sessionId,
                session.get("payment_intent").id(),
                Money.of(require(session.get("amount_total").wholeNumber(), "amount_total"),
                        require(session.get("currency").text(), "currency")),
                subscriptionId,
                event.created());
        if (subscriptionId.isEmpty()) {
            return Interpretation.apply(payment);
        }
        // Plan details arrive with customer.subscription.*; the platform keeps whichever state is newer.
        UpdateSubscription subscription = new UpdateSubscription(
                subscriptionId, contact, "active", "", "", null, "", null, false, null, "", false, event.created());
        return Interpretation.apply(payment, subscription);
    }

    /** Splits a full name at its first blank: Stripe collects a single name field. */
    static ContactDetails names(String fullName) {
        String[] parts = fullName.trim().split("\\s+", 2);
        return ContactDetails.name(parts[0], parts.length > 1 ? parts[1] : "");
    }

    private static Map<String, Object> incidentDetails(StripeEvent event, String sessionId, String paymentLink) {
        JsonView session = event.object();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventId", event.id());
        details.put("checkoutSessionId", sessionId);
        details.put("paymentLink", paymentLink);
        details.put("amountTotal", session.get("amount_total").wholeNumber().orElse(null));
        details.put("currency", session.get("currency").textOrEmpty());
        return details;
    }
}
