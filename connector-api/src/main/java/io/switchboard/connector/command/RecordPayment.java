package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful payment. The platform keeps one payment per {@code paymentIntentId} (or checkout session
 * when there is no intent), so a confirmation of the same payment never counts twice. When the event key
 * names an event, the contact's attendee record for it becomes PAID and {@code payment.confirmed} is
 * queued; when it names an unknown event, the payment and contact are kept and an incident is logged. The
 * contact becomes a CUSTOMER.
 *
 * @param contact who paid
 * @param details what is known about them
 * @param event the event paid for, or {@link EventKey#none()}
 * @param checkoutSessionId the checkout session, or empty
 * @param paymentIntentId the payment intent, or empty
 * @param amount the amount paid
 * @param subscriptionId the subscription the payment started, or empty
 * @param occurredAt when the payment happened at the provider
 */
public record RecordPayment(
        ContactRef contact,
        ContactDetails details,
        EventKey event,
        String checkoutSessionId,
        String paymentIntentId,
        Money amount,
        String subscriptionId,
        Instant occurredAt) implements Command {
    public RecordPayment {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(event, "event");
        checkoutSessionId = checkoutSessionId == null ? "" : checkoutSessionId;
        paymentIntentId = paymentIntentId == null ? "" : paymentIntentId;
        Objects.requireNonNull(amount, "amount");
        subscriptionId = subscriptionId == null ? "" : subscriptionId;
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (checkoutSessionId.isEmpty() && paymentIntentId.isEmpty()) {
            throw new IllegalArgumentException("a payment needs a checkout session or a payment intent id");
        }
    }
}
