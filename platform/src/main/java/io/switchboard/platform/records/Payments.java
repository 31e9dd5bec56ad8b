package io.switchboard.platform.records;

import io.switchboard.connector.command.RecordPayment;
import io.switchboard.connector.command.RecordRefund;
import io.switchboard.connector.command.Severity;
import io.switchboard.platform.notify.Outbox;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Payments and refunds. One row per payment (keyed by payment intent, else checkout session), so a
 * confirmation never counts twice; refund totals only grow, and a refunded payment never goes back to PAID,
 * whatever order the events arrive in. The attendee's payment status follows its payment.
 */
@Component
class Payments {

    private final Contacts contacts;
    private final Events events;
    private final Incidents incidents;
    private final Outbox outbox;

    Payments(Contacts contacts, Events events, Incidents incidents, Outbox outbox) {
        this.contacts = contacts;
        this.events = events;
        this.incidents = incidents;
        this.outbox = outbox;
    }

    void record(ApplyScope scope, RecordPayment command) {
        long contactId = contacts.resolveCustomer(scope, command.contact(), command.details());
        Optional<Long> eventId = events.find(scope, command.event());
        if (command.event().isPresent() && eventId.isEmpty()) {
            incidents.log(scope, "payment.unknown_event", Severity.WARNING,
                    "Payment for " + command.event().value() + ", which no event is linked to",
                    Map.of("eventKind", command.event().kind(), "eventKey", command.event().value(),
                            "checkoutSessionId", command.checkoutSessionId(), "contactId", contactId));
        }
        String key = command.paymentIntentId().isEmpty() ? command.checkoutSessionId() : command.paymentIntentId();
        Timestamp occurred = Timestamp.from(command.occurredAt());
        List<Long> existing = scope.jdbc().sql("""
                SELECT id FROM payments
                WHERE payment_key = ? OR (? <> '' AND checkout_session_id = ?) OR (? <> '' AND payment_intent_id = ?)
                ORDER BY id FOR UPDATE""")
                .params(key, command.checkoutSessionId(), command.checkoutSessionId(), command.paymentIntentId(),
                        command.paymentIntentId())
                .query(Long.class).list();
        long paymentId;
        boolean refunded; // a full refund that arrived first undid the payment: confirming it now would mislead
        if (existing.isEmpty()) {
            refunded = false;
            paymentId = scope.jdbc().sql("""
                    INSERT INTO payments (payment_key, checkout_session_id, payment_intent_id, contact_id, event_id, status,
                        amount, currency, subscription_id, paid_at)
                    VALUES (?, ?, ?, ?, ?, 'PAID', ?, ?, ?, ?) RETURNING id""")
                    .params(key, Contacts.emptyToNull(command.checkoutSessionId()),
                            Contacts.emptyToNull(command.paymentIntentId()), contactId, eventId.orElse(null),
                            command.amount().minorUnits(), command.amount().currency(),
                            Contacts.emptyToNull(command.subscriptionId()), occurred)
                    .query(Long.class).single();
        } else {
            paymentId = existing.get(0);
            refunded = scope.jdbc().sql("""
                    UPDATE payments SET
                        checkout_session_id = coalesce(checkout_session_id, ?),
                        payment_intent_id = coalesce(payment_intent_id, ?),
                        contact_id = coalesce(contact_id, ?),
                        event_id = coalesce(event_id, ?),
                        amount = coalesce(amount, ?),
                        currency = coalesce(currency, ?),
                        subscription_id = coalesce(subscription_id, ?),
                        status = CASE WHEN status IN ('PENDING', 'FAILED') THEN 'PAID' ELSE status END,
                        paid_at = coalesce(paid_at, ?),
                        updated_at = now()
                    WHERE id = ?
                    RETURNING status = 'REFUNDED'""")
                    .params(Contacts.emptyToNull(command.checkoutSessionId()), Contacts.emptyToNull(command.paymentIntentId()),
                            contactId, eventId.orElse(null), command.amount().minorUnits(), command.amount().currency(),
                            Contacts.emptyToNull(command.subscriptionId()), occurred, paymentId)
                    .query(Boolean.class).single();
        }
        eventId.ifPresent(event -> syncAttendee(scope, paymentId, event, contactId));
        if (!command.checkoutSessionId().isEmpty() && !refunded) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("payment", Map.of("amount", command.amount().minorUnits(), "currency", command.amount().currency()));
            outbox.enqueue(scope.jdbc(), scope.tenant(), Outbox.Notification.of("payment.confirmed", contactId,
                    eventId.orElse(null), variables, "payment:" + paymentId));
        }
    }

    void refund(ApplyScope scope, RecordRefund command) {
        long total = command.totalRefunded().minorUnits();
        Optional<Long> existing = scope.jdbc().sql("""
                SELECT id FROM payments WHERE payment_key = ? OR payment_intent_id = ? ORDER BY id LIMIT 1 FOR UPDATE""")
                .params(command.paymentIntentId(), command.paymentIntentId()).query(Long.class).optional();
        long paymentId = existing.orElseGet(() -> scope.jdbc().sql("""
                INSERT INTO payments (payment_key, payment_intent_id, status, amount, currency)
                VALUES (?, ?, 'PAID', ?, ?) RETURNING id""")
                .params(command.paymentIntentId(), command.paymentIntentId(), command.amountCaptured().minorUnits(),
                        command.amountCaptured().currency())
                .query(Long.class).single());
        scope.jdbc().sql("""
                UPDATE payments SET
                    amount_refunded = greatest(amount_refunded, ?),
                    status = CASE
                        WHEN status = 'REFUNDED' OR ? OR greatest(amount_refunded, ?) >= coalesce(amount, ?) THEN 'REFUNDED'
                        ELSE 'PARTIALLY_REFUNDED' END,
                    refunded_at = greatest(refunded_at, ?),
                    updated_at = now()
                WHERE id = ?""")
                .params(total, command.fullyRefunded(), total, command.amountCaptured().minorUnits(),
                        Timestamp.from(command.occurredAt()), paymentId)
                .update();
        Map<String, Object> payment = scope.jdbc().sql("SELECT event_id, contact_id FROM payments WHERE id = ?")
                .param(paymentId).query().singleRow();
        if (payment.get("event_id") != null && payment.get("contact_id") != null) {
            syncAttendee(scope, paymentId, ((Number) payment.get("event_id")).longValue(),
                    ((Number) payment.get("contact_id")).longValue());
        }
    }

    /** Copies the payment's state onto the contact's attendee record for the event. */
    private void syncAttendee(ApplyScope scope, long paymentId, long eventId, long contactId) {
        scope.jdbc().sql("""
                INSERT INTO attendee_events (event_id, contact_id, payment_status, amount_paid, amount_refunded, currency,
                    checkout_session_id, payment_intent_id, last_payment_event_at)
                SELECT ?, ?, p.status, p.amount, p.amount_refunded, p.currency, p.checkout_session_id, p.payment_intent_id,
                    greatest(p.paid_at, p.refunded_at)
                FROM payments p WHERE p.id = ?
                ON CONFLICT (event_id, contact_id) DO UPDATE SET
                    payment_status = EXCLUDED.payment_status,
                    amount_paid = EXCLUDED.amount_paid,
                    amount_refunded = EXCLUDED.amount_refunded,
                    currency = EXCLUDED.currency,
                    checkout_session_id = coalesce(EXCLUDED.checkout_session_id, attendee_events.checkout_session_id),
                    payment_intent_id = coalesce(EXCLUDED.payment_intent_id, attendee_events.payment_intent_id),
                    last_payment_event_at = EXCLUDED.last_payment_event_at,
                    updated_at = now()""")
                .params(eventId, contactId, paymentId)
                .update();
    }
}
