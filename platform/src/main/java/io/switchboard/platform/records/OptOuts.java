package io.switchboard.platform.records;

import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactStatus;
import io.switchboard.connector.command.OptIn;
import io.switchboard.connector.command.OptOut;
import io.switchboard.connector.command.Severity;
import io.switchboard.platform.notify.Outbox;
import io.switchboard.platform.notify.Suppressions;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * SMS consent. An opt-out takes effect in the same transaction: contacts with the number become OPTED_OUT
 * with the time and keyword as evidence, the number joins the suppression list (which the dispatcher checks
 * at send time), one confirmation is queued and an incident is written.
 */
@Component
class OptOuts {

    private final Contacts contacts;
    private final Incidents incidents;
    private final Outbox outbox;
    private final Suppressions suppressions;

    OptOuts(Contacts contacts, Incidents incidents, Outbox outbox, Suppressions suppressions) {
        this.contacts = contacts;
        this.incidents = incidents;
        this.outbox = outbox;
        this.suppressions = suppressions;
    }

    void optOut(ApplyScope scope, OptOut command) {
        long contactId = contacts.resolve(scope, ContactRef.byPhone(command.phone()), ContactDetails.none(), ContactStatus.OPTED_OUT);
        Timestamp at = Timestamp.from(command.occurredAt());
        scope.jdbc().sql("""
                UPDATE contacts SET status = 'OPTED_OUT', opted_out_at = ?, opt_out_keyword = ?, updated_at = now()
                WHERE phone = ? AND (opted_in_at IS NULL OR opted_in_at <= ?)""")
                .params(at, command.keyword(), command.phone(), at).update();
        suppressions.add(scope.jdbc(), scope.tenant(), "SMS", command.phone(), "opt_out", command.keyword(), command.messageId());
        incidents.log(scope, "sms.opted_out", Severity.INFO,
                "Opt-out by SMS (" + command.keyword() + ") from a contact: no further SMS will be sent",
                Map.of("contactId", contactId, "keyword", command.keyword(), "messageId", command.messageId(),
                        "at", command.occurredAt().toString()));
        outbox.enqueue(scope.jdbc(), scope.tenant(), new Outbox.Notification("sms.opt_out.confirmation", contactId, null,
                Map.of(), "optout:" + (command.messageId().isEmpty() ? "d" + scope.deliveryId() : command.messageId()),
                true, true));
    }

    void optIn(ApplyScope scope, OptIn command) {
        long contactId = contacts.resolve(scope, ContactRef.byPhone(command.phone()), ContactDetails.none(), ContactStatus.LEAD);
        Timestamp at = Timestamp.from(command.occurredAt());
        Optional<Timestamp> lastOptOut = scope.jdbc().sql("SELECT max(opted_out_at) FROM contacts WHERE phone = ?")
                .param(command.phone()).query(Timestamp.class).optional();
        if (lastOptOut.isPresent() && lastOptOut.get() != null && lastOptOut.get().after(at)) {
            return; // an older START arriving after a newer STOP does not re-subscribe
        }
        suppressions.remove(scope.jdbc(), scope.tenant(), "SMS", command.phone());
        List<Long> ids = scope.jdbc().sql("SELECT id FROM contacts WHERE phone = ?").param(command.phone()).query(Long.class).list();
        for (long id : ids) {
            scope.jdbc().sql("""
                    UPDATE contacts SET opted_in_at = ?, updated_at = now(),
                        status = CASE WHEN status <> 'OPTED_OUT' THEN status
                                      WHEN EXISTS (SELECT 1 FROM payments p WHERE p.contact_id = contacts.id)
                                        OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.contact_id = contacts.id
                                                   AND s.status IN ('active', 'trialing', 'past_due'))
                                      THEN 'CUSTOMER' ELSE 'LEAD' END
                    WHERE id = ?""").params(at, id).update();
        }
        incidents.log(scope, "sms.opted_in", Severity.INFO, "Re-subscribed by SMS (" + command.keyword() + ")",
                Map.of("contactId", contactId, "keyword", command.keyword(), "at", command.occurredAt().toString()));
    }
}
