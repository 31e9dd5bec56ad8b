package io.switchboard.platform.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the tenant holds about one person (GDPR right of access), as one document.
 *
 * @param contact the contact record
 * @param identities the person's ids at providers (Stripe customer ids)
 * @param activities the contact's timeline
 * @param attendees the events the person attends, with payment, booking and intake answers
 * @param payments the person's payments
 * @param subscriptions the person's subscriptions
 * @param messages every message sent or queued to the person
 * @param suppressions the person's entries on the do-not-message list: the opt-out evidence
 * @param incidents incidents about the person
 * @param deliveries raw webhook deliveries that mention the person (their payloads are at GET .../deliveries/{id})
 * @param exportedAt when this export was made
 */
record ContactExport(ContactController.ContactView contact, List<Identity> identities, List<Activity> activities,
        List<Attendance> attendees, List<Payment> payments, List<SubscriptionController.SubscriptionView> subscriptions,
        List<MessageController.MessageView> messages, List<Suppression> suppressions,
        List<IncidentController.IncidentView> incidents, List<DeliveryMention> deliveries, Instant exportedAt) {

    /**
     * @param provider the provider
     * @param externalId the person's id there
     */
    record Identity(String provider, String externalId) {}

    /**
     * @param id the entry id
     * @param kind what happened
     * @param summary one line
     * @param data what the provider said
     * @param deliveryId the delivery it came from
     * @param occurredAt when it happened
     */
    record Activity(String id, String kind, String summary, Map<String, Object> data, String deliveryId,
            Instant occurredAt) {}

    /**
     * @param id the attendee id
     * @param eventId the event
     * @param eventName the event's name
     * @param paymentStatus PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED or FAILED
     * @param bookingStatus NONE, BOOKED, RESCHEDULED or CANCELLED
     * @param intakeData intake form answers
     * @param amountPaid amount paid, smallest currency unit
     * @param amountRefunded amount refunded, smallest currency unit
     * @param currency ISO 4217 code
     * @param checkoutSessionId the Stripe checkout session
     * @param paymentIntentId the Stripe payment intent
     * @param appointmentId the Acuity appointment
     * @param bookingStartsAt when the appointment starts
     * @param createdAt when the person joined the event
     * @param updatedAt when it last changed
     */
    record Attendance(String id, String eventId, String eventName, String paymentStatus, String bookingStatus,
            Map<String, Object> intakeData, Long amountPaid, long amountRefunded, String currency, String checkoutSessionId,
            String paymentIntentId, String appointmentId, Instant bookingStartsAt, Instant createdAt, Instant updatedAt) {}

    /**
     * @param id the payment id
     * @param eventId the event paid for
     * @param status PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED or FAILED
     * @param amount amount, smallest currency unit
     * @param amountRefunded refunded, smallest currency unit
     * @param currency ISO 4217 code
     * @param checkoutSessionId the Stripe checkout session
     * @param paymentIntentId the Stripe payment intent
     * @param subscriptionId the provider subscription it paid
     * @param paidAt when it was paid
     * @param refundedAt when it was last refunded
     */
    record Payment(String id, String eventId, String status, Long amount, long amountRefunded, String currency,
            String checkoutSessionId, String paymentIntentId, String subscriptionId, Instant paidAt, Instant refundedAt) {}

    /**
     * @param channel SMS or EMAIL
     * @param address the address (absent after an erasure: only its hash is kept)
     * @param reason why, such as opt_out
     * @param keyword the opt-out keyword the person sent
     * @param sourceMessageId the provider's id of the message that opted out
     * @param createdAt when
     */
    record Suppression(String channel, String address, String reason, String keyword, String sourceMessageId,
            Instant createdAt) {}

    /**
     * @param id the delivery id
     * @param provider the provider
     * @param eventType the provider's event type
     * @param receivedAt when it arrived
     * @param payloadKept whether its raw payload is still stored
     */
    record DeliveryMention(String id, String provider, String eventType, Instant receivedAt, boolean payloadKept) {}
}
