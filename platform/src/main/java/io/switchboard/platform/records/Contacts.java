package io.switchboard.platform.records;

import io.switchboard.connector.command.ContactDetails;
import io.switchboard.connector.command.ContactRef;
import io.switchboard.connector.command.ContactStatus;
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
        Optional<Long> found = find(scope, ref);
        long id = found.orElseGet(() -> create(scope, ref, details, statusIfNew));
        if (found.isPresent()) {
            update(scope, id, ref, details);
        }
        if (ref.hasCustomerId()) {
            scope.jdbc().sql("""
                    INSERT INTO contact_identities (provider, external_id, contact_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""").params(scope.provider(), ref.customerId(), id).update();
        }
        return id;
    }

    /** The contact the reference names, if any. */
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

    private long create(ApplyScope scope, ContactRef ref, ContactDetails details, ContactStatus status) {
        return scope.jdbc().sql("""
                INSERT INTO contacts (email, phone, first_name, last_name, status, attributes)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (email) WHERE email IS NOT NULL DO UPDATE SET updated_at = now()
                RETURNING id""")
                .params(emptyToNull(ref.email()), emptyToNull(ref.phone()), emptyToNull(details.firstName()),
                        emptyToNull(details.lastName()), status.name(), json.writeValueAsString(details.attributes()))
                .query(Long.class).single();
    }

    private void update(ApplyScope scope, long id, ContactRef ref, ContactDetails details) {
        scope.jdbc().sql("""
                UPDATE contacts SET
                    email = CASE WHEN email IS NULL AND ? <> '' AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.email = ?)
                                 THEN ? ELSE email END,
                    phone = CASE WHEN ? <> '' THEN ? ELSE phone END,
                    first_name = CASE WHEN ? <> '' THEN ? ELSE first_name END,
                    last_name = CASE WHEN ? <> '' THEN ? ELSE last_name END,
                    attributes = attributes || ?::jsonb,
                    updated_at = now()
                WHERE id = ?""")
                .params(ref.email(), ref.email(), ref.email(), ref.phone(), ref.phone(), details.firstName(),
                        details.firstName(), details.lastName(), details.lastName(),
                        json.writeValueAsString(details.attributes()), id)
                .update();
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
