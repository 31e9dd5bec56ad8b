package io.switchboard.platform.records;

import io.switchboard.connector.command.Command;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactStatus;
import io.switchboard.connector.command.CreateLead;
import io.switchboard.connector.command.LogIncident;
import io.switchboard.connector.command.OptIn;
import io.switchboard.connector.command.OptOut;
import io.switchboard.connector.command.RecordBooking;
import io.switchboard.connector.command.RecordContactActivity;
import io.switchboard.connector.command.RecordInvoice;
import io.switchboard.connector.command.RecordPayment;
import io.switchboard.connector.command.RecordRefund;
import io.switchboard.connector.command.SendNotification;
import io.switchboard.connector.command.UpdateSubscription;
import io.switchboard.connector.command.UpsertContact;
import io.switchboard.platform.notify.Outbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Applies a delivery's commands to the tenant's records, inside the caller's transaction. Every command is
 * idempotent: applying a delivery again (a replay, a retry after a crash) leaves the same state.
 */
@Component
public class CommandApplier {

    private final Contacts contacts;
    private final Payments payments;
    private final Bookings bookings;
    private final Subscriptions subscriptions;
    private final OptOuts optOuts;
    private final Incidents incidents;
    private final Activities activities;
    private final Events events;
    private final Outbox outbox;

    CommandApplier(Contacts contacts, Payments payments, Bookings bookings, Subscriptions subscriptions, OptOuts optOuts,
            Incidents incidents, Activities activities, Events events, Outbox outbox) {
        this.contacts = contacts;
        this.payments = payments;
        this.bookings = bookings;
        this.subscriptions = subscriptions;
        this.optOuts = optOuts;
        this.incidents = incidents;
        this.activities = activities;
        this.events = events;
        this.outbox = outbox;
    }

    /** Applies the commands in order. */
    public void apply(ApplyScope scope, List<Command> commands) {
        for (Command command : commands) {
            apply(scope, command);
        }
    }

    private void apply(ApplyScope scope, Command command) {
        // Java 17: no pattern matching for switch yet; Command is sealed, so this chain is complete.
        if (command instanceof UpsertContact c) {
            contacts.resolve(scope, c.contact(), c.details(), c.statusIfNew());
        } else if (command instanceof CreateLead c) {
            lead(scope, c);
        } else if (command instanceof RecordPayment c) {
            payments.record(scope, c);
        } else if (command instanceof RecordRefund c) {
            payments.refund(scope, c);
        } else if (command instanceof RecordBooking c) {
            bookings.record(scope, c);
        } else if (command instanceof UpdateSubscription c) {
            subscriptions.update(scope, c);
        } else if (command instanceof RecordInvoice c) {
            subscriptions.invoice(scope, c);
        } else if (command instanceof OptOut c) {
            optOuts.optOut(scope, c);
        } else if (command instanceof OptIn c) {
            optOuts.optIn(scope, c);
        } else if (command instanceof LogIncident c) {
            incidents.log(scope, c.kind(), c.severity(), c.summary(), c.details());
        } else if (command instanceof SendNotification c) {
            notify(scope, c);
        } else if (command instanceof RecordContactActivity c) {
            long contactId = contacts.resolve(scope, c.contact(), ContactDetails.none(), ContactStatus.LEAD);
            activities.record(scope, contactId, c.kind(), c.summary(), c.data(), c.occurredAt());
        } else {
            throw new IllegalArgumentException("unknown command " + command.getClass().getName());
        }
    }

    private void lead(ApplyScope scope, CreateLead command) {
        long contactId = contacts.resolve(scope, command.contact(), command.details(), ContactStatus.LEAD);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", command.source());
        data.put("sourceId", command.sourceId());
        data.put("lead", command.leadData());
        activities.record(scope, contactId, "lead.created", "New lead from " + command.source(), data, command.occurredAt());
        outbox.enqueue(scope.jdbc(), scope.tenant(), Outbox.Notification.of("lead.welcome", contactId, null, Map.of(),
                "lead:" + command.source() + ":" + command.sourceId()));
    }

    private void notify(ApplyScope scope, SendNotification command) {
        long contactId = contacts.resolve(scope, command.recipient(), ContactDetails.none(),
                ContactStatus.LEAD);
        Long eventId = events.find(scope, command.event()).orElse(null);
        outbox.enqueue(scope.jdbc(), scope.tenant(), Outbox.Notification.of(command.templateKey(), contactId, eventId,
                command.variables(), "notify:" + scope.deliveryId() + ":" + contactId));
    }
}
