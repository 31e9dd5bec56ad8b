package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Collects everything the tenant holds about one contact, in one transaction so the export is consistent. */
@Component
class ContactExportQuery {

    private final TenantDatabase database;
    private final ContactQueries contacts;
    private final IncidentQueries incidents;
    private final JsonColumns columns;

    ContactExportQuery(TenantDatabase database, ContactQueries contacts, IncidentQueries incidents, JsonColumns columns) {
        this.database = database;
        this.contacts = contacts;
        this.incidents = incidents;
        this.columns = columns;
    }

    /** The export; empty when there is no such contact. */
    Optional<ContactExport> export(Tenant tenant, long contactId) {
        return database.inTenant(tenant, jdbc -> contacts.find(jdbc, contactId).map(contact -> {
            PersonalData person = PersonalData.of(jdbc, contactId).orElseThrow();
            return new ContactExport(contact, identities(jdbc, contactId), activities(jdbc, contactId),
                    attendees(jdbc, contactId), payments(jdbc, contactId), SubscriptionQueries.ofContact(jdbc, contactId),
                    MessageQueries.toPerson(jdbc, person), suppressions(jdbc, tenant, person),
                    incidents.aboutPerson(jdbc, person), deliveries(jdbc, person), Instant.now());
        }));
    }

    private static List<ContactExport.Identity> identities(JdbcClient jdbc, long contactId) {
        return jdbc.sql("""
                SELECT provider, external_id FROM contact_identities WHERE contact_id = ? ORDER BY provider, external_id""")
                .param(contactId)
                .query((rs, row) -> new ContactExport.Identity(rs.getString("provider"), rs.getString("external_id"))).list();
    }

    private List<ContactExport.Activity> activities(JdbcClient jdbc, long contactId) {
        return jdbc.sql("""
                SELECT id, kind, summary, data::text AS data, delivery_id, occurred_at FROM contact_activities
                WHERE contact_id = ? ORDER BY id""").param(contactId)
                .query((rs, row) -> new ContactExport.Activity(Long.toString(rs.getLong("id")), rs.getString("kind"),
                        rs.getString("summary"), columns.object(rs, "data"), JsonColumns.id(rs, "delivery_id"),
                        JsonColumns.instant(rs, "occurred_at")))
                .list();
    }

    private List<ContactExport.Attendance> attendees(JdbcClient jdbc, long contactId) {
        return jdbc.sql("""
                SELECT a.*, a.intake_data::text AS intake_text, e.name AS event_name
                FROM attendee_events a JOIN events e ON e.id = a.event_id WHERE a.contact_id = ? ORDER BY a.id""")
                .param(contactId)
                .query((rs, row) -> new ContactExport.Attendance(Long.toString(rs.getLong("id")),
                        Long.toString(rs.getLong("event_id")), rs.getString("event_name"), rs.getString("payment_status"),
                        rs.getString("booking_status"), columns.object(rs, "intake_text"),
                        JsonColumns.longOrNull(rs, "amount_paid"), rs.getLong("amount_refunded"), rs.getString("currency"),
                        rs.getString("checkout_session_id"), rs.getString("payment_intent_id"),
                        rs.getString("appointment_id"), JsonColumns.instant(rs, "booking_starts_at"),
                        JsonColumns.instant(rs, "created_at"), JsonColumns.instant(rs, "updated_at")))
                .list();
    }

    private static List<ContactExport.Payment> payments(JdbcClient jdbc, long contactId) {
        return jdbc.sql("SELECT * FROM payments WHERE contact_id = ? ORDER BY id").param(contactId)
                .query((rs, row) -> new ContactExport.Payment(Long.toString(rs.getLong("id")), JsonColumns.id(rs, "event_id"),
                        rs.getString("status"), JsonColumns.longOrNull(rs, "amount"), rs.getLong("amount_refunded"),
                        rs.getString("currency"), rs.getString("checkout_session_id"), rs.getString("payment_intent_id"),
                        rs.getString("subscription_id"), JsonColumns.instant(rs, "paid_at"),
                        JsonColumns.instant(rs, "refunded_at")))
                .list();
    }

    private static List<ContactExport.Suppression> suppressions(JdbcClient jdbc, Tenant tenant, PersonalData person) {
        List<Object> params = new ArrayList<>(person.suppressionHashes(tenant));
        params.addAll(person.addresses());
        if (params.isEmpty()) {
            return List.of();
        }
        String hashes = placeholders(person.suppressionHashes(tenant).size());
        String addresses = placeholders(person.addresses().size());
        return jdbc.sql("SELECT * FROM suppressions WHERE address_hash IN (" + hashes + ") OR lower(address) IN ("
                        + addresses + ") ORDER BY id")
                .params(params)
                .query((rs, row) -> new ContactExport.Suppression(rs.getString("channel"), rs.getString("address"),
                        rs.getString("reason"), rs.getString("keyword"), rs.getString("source_message_id"),
                        JsonColumns.instant(rs, "created_at")))
                .list();
    }

    private static List<ContactExport.DeliveryMention> deliveries(JdbcClient jdbc, PersonalData person) {
        List<Object> params = new ArrayList<>();
        String body = person.bytesMention("body", params);
        String headers = person.textMentions("headers::text", params);
        return jdbc.sql("SELECT id, provider, event_type, received_at, body IS NOT NULL AS kept FROM deliveries WHERE "
                        + body + " OR " + headers + " ORDER BY id")
                .params(params)
                .query((rs, row) -> new ContactExport.DeliveryMention(Long.toString(rs.getLong("id")),
                        rs.getString("provider"), rs.getString("event_type"), JsonColumns.instant(rs, "received_at"),
                        rs.getBoolean("kept")))
                .list();
    }

    static String placeholders(int count) {
        return count == 0 ? "NULL" : String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
