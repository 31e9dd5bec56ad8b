package io.switchboard.platform.records;

import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.ContactStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Finds, creates and updates contacts from what commands say about a person. */
@Component
public class Contacts {

    private final JsonMapper json;

    Contacts(JsonMapper json) {
        this.json = json;
    }

    /**
     * The contact the reference names (by email, then phone, then provider customer id), created with
     * {@code statusIfNew} when none matches, with the details filled in.
     */
    public long resolve(ApplyScope scope, ContactRef ref, ContactDetails details, ContactStatus statusIfNew) {
        return resolveWithStatus(scope, ref, details, statusIfNew).id();
    }

    /**
     * The contact the reference names, created as a CUSTOMER when none matches; a LEAD or CHURNED contact becomes
     * a CUSTOMER ({@link #becameCustomer}).
     */
    public long resolveCustomer(ApplyScope scope, ContactRef ref, ContactDetails details) {
        Resolved contact = resolveWithStatus(scope, ref, details, ContactStatus.CUSTOMER);
        if (contact.status().equals("LEAD") || contact.status().equals("CHURNED")) {
            becameCustomer(scope, contact.id());
        }
        return contact.id();
    }

    private Resolved resolveWithStatus(ApplyScope scope, ContactRef ref, ContactDetails details, ContactStatus statusIfNew) {
        Resolved contact = find(scope, ref).map(id -> update(scope, id, ref, details))
                .orElseGet(() -> create(scope, ref, details, statusIfNew));
        if (ref.hasCustomerId()) {
            scope.jdbc().sql("""
                    INSERT INTO contact_identities (provider, external_id, contact_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""").params(scope.provider(), ref.customerId(), contact.id()).update();
        }
        return contact;
    }

    /**
     * The contact the reference names, if any: the one with its email, else the first with its phone, else the one
     * its provider customer id is linked to. Three statements rather than one: PostgreSQL plans them again at every claim
     * (each claim is in another tenant's schema), and at a steady rate, with a delivery or two per claim, the planning
     * of one statement holding the three lookups took about 160 µs a call, more than the round trips it saved.
     */
    public Optional<Long> find(ApplyScope scope, ContactRef ref) {
        Optional<Long> id = Optional.empty();
        if (ref.hasEmail()) {
            id = scope.jdbc().sql("SELECT id FROM contacts WHERE email = ?").param(ref.email()).query(Long.class).optional();
        }
        if (id.isEmpty() && ref.hasPhone()) {
            id = scope.jdbc().sql("SELECT id FROM contacts WHERE phone = ? ORDER BY id LIMIT 1").param(ref.phone())
                    .query(Long.class).optional();
        }
        if (id.isEmpty() && ref.hasCustomerId()) {
            id = scope.jdbc().sql("SELECT contact_id FROM contact_identities WHERE provider = ? AND external_id = ?")
                    .params(scope.provider(), ref.customerId()).query(Long.class).optional();
        }
        return id;
    }

    /** Moves a LEAD or CHURNED contact to CUSTOMER; an opted-out contact stays opted out. */
    public void becameCustomer(ApplyScope scope, long contactId) {
        scope.jdbc().sql("UPDATE contacts SET status = 'CUSTOMER', updated_at = now() WHERE id = ? AND status IN ('LEAD', 'CHURNED')")
                .param(contactId).update();
    }

    /** Marks a contact CHURNED unless opted out. */
    public void churned(ApplyScope scope, long contactId) {
        scope.jdbc().sql("UPDATE contacts SET status = 'CHURNED', updated_at = now() WHERE id = ? AND status <> 'OPTED_OUT'")
                .param(contactId).update();
    }

    private Resolved create(ApplyScope scope, ContactRef ref, ContactDetails details, ContactStatus status) {
        return scope.jdbc().sql("""
                INSERT INTO contacts (email, phone, first_name, last_name, status, attributes)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (email) WHERE email IS NOT NULL DO UPDATE SET updated_at = now()
                RETURNING id, status""")
                .params(emptyToNull(ref.email()), emptyToNull(ref.phone()), emptyToNull(details.firstName()),
                        emptyToNull(details.lastName()), status.name(), json.writeValueAsString(details.attributes()))
                .query(Contacts::resolved).single();
    }

    private Resolved update(ApplyScope scope, long id, ContactRef ref, ContactDetails details) {
        return scope.jdbc().sql("""
                UPDATE contacts SET
                    email = CASE WHEN email IS NULL AND ? <> '' AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.email = ?)
                                 THEN ? ELSE email END,
                    phone = CASE WHEN ? <> '' THEN ? ELSE phone END,
                    first_name = CASE WHEN ? <> '' THEN ? ELSE first_name END,
                    last_name = CASE WHEN ? <> '' THEN ? ELSE last_name END,
                    attributes = attributes || ?::jsonb,
                    updated_at = now()
                WHERE id = ?
                RETURNING id, status""")
                .params(ref.email(), ref.email(), ref.email(), ref.phone(), ref.phone(), details.firstName(),
                        details.firstName(), details.lastName(), details.lastName(),
                        json.writeValueAsString(details.attributes()), id)
                .query(Contacts::resolved).single();
    }

    private static Resolved resolved(ResultSet rs, int row) throws SQLException {
        return new Resolved(rs.getLong("id"), rs.getString("status"));
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** A contact as resolving left it. */
    private record Resolved(long id, String status) {}
}
