package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * GDPR erasure of one contact, in one transaction across the tenant schema: the contact and what hangs off it
 * (identities, timeline, attendee rows with intake answers), messages to the person, the person's email and phone
 * wherever they appear in incidents, other timelines, errors and the audit log, and every raw webhook body or
 * header set that mentions them. Payments and subscriptions stay (accounting) without their link to the person.
 * The opt-out evidence stays too: suppressions lose their address but keep its hash, reason, keyword and time,
 * so an erased number stays suppressed.
 */
@Component
class ContactErasure {

    /** Free-text columns where a person's data can turn up outside the rows that belong to them. */
    private static final List<String[]> FREE_TEXT = List.of(
            new String[] {"incidents", "summary", "text"},
            new String[] {"incidents", "details", "jsonb"},
            new String[] {"contact_activities", "summary", "text"},
            new String[] {"contact_activities", "data", "jsonb"},
            new String[] {"messages", "variables", "jsonb"},
            new String[] {"messages", "last_error", "text"},
            new String[] {"deliveries", "last_error", "text"},
            new String[] {"audit_log", "details", "jsonb"});

    private final TenantDatabase database;

    ContactErasure(TenantDatabase database) {
        this.database = database;
    }

    /** Erases the contact; empty when there is no such contact. */
    Optional<ContactController.Erasure> erase(Tenant tenant, long contactId) {
        return database.inTenant(tenant, jdbc -> {
            jdbc.sql("SELECT id FROM contacts WHERE id = ? FOR UPDATE").param(contactId).query(Long.class).list();
            Optional<PersonalData> found = PersonalData.of(jdbc, contactId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            PersonalData person = found.get();
            int messages = deleteMessages(jdbc, person);
            int suppressions = keepOnlyHashes(jdbc, tenant, person);
            int deliveries = purgeDeliveries(jdbc, person);
            int redacted = redactFreeText(jdbc, person);
            int payments = jdbc.sql("UPDATE payments SET contact_id = NULL, updated_at = now() WHERE contact_id = ?")
                    .param(contactId).update();
            int subscriptions = jdbc.sql("UPDATE subscriptions SET contact_id = NULL, updated_at = now() WHERE contact_id = ?")
                    .param(contactId).update();
            jdbc.sql("DELETE FROM contacts WHERE id = ?").param(contactId).update();
            return Optional.of(new ContactController.Erasure(Long.toString(contactId), messages, deliveries, redacted,
                    payments, subscriptions, suppressions));
        });
    }

    private static int deleteMessages(JdbcClient jdbc, PersonalData person) {
        List<Object> params = new ArrayList<>(List.of(person.contactId()));
        params.addAll(person.addresses());
        return jdbc.sql("DELETE FROM messages WHERE contact_id = ? OR lower(recipient) IN ("
                        + ContactExportQuery.placeholders(person.addresses().size()) + ")")
                .params(params).update();
    }

    /** Suppressions keep the hash (so the number stays blocked) and lose the address itself. */
    private static int keepOnlyHashes(JdbcClient jdbc, Tenant tenant, PersonalData person) {
        List<String> hashes = person.suppressionHashes(tenant);
        if (hashes.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>(hashes);
        params.addAll(person.addresses());
        return jdbc.sql("UPDATE suppressions SET address = NULL WHERE address_hash IN ("
                        + ContactExportQuery.placeholders(hashes.size()) + ") OR lower(address) IN ("
                        + ContactExportQuery.placeholders(person.addresses().size()) + ")")
                .params(params).update();
    }

    private static int purgeDeliveries(JdbcClient jdbc, PersonalData person) {
        if (!person.identifiable()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        String body = person.bytesMention("body", params);
        String headers = person.textMentions("headers::text", params);
        return jdbc.sql("UPDATE deliveries SET body = NULL, headers = '{}'::jsonb, "
                        + "body_purged_at = coalesce(body_purged_at, now()) WHERE (body IS NOT NULL OR headers <> '{}'::jsonb) AND (" + body + " OR " + headers + ")")
                .params(params).update();
    }

    /** Replaces the person's values inside free text and JSON with a marker; the rows themselves stay. */
    private static int redactFreeText(JdbcClient jdbc, PersonalData person) {
        if (!person.identifiable()) {
            return 0;
        }
        String pattern = person.pattern();
        int changed = 0;
        for (String[] target : FREE_TEXT) {
            String table = target[0];
            String column = target[1];
            boolean json = target[2].equals("jsonb");
            String text = json ? column + "::text" : column;
            String replaced = "regexp_replace(" + text + ", ?, ?, 'gi')" + (json ? "::jsonb" : "");
            changed += jdbc.sql("UPDATE " + table + " SET " + column + " = " + replaced + " WHERE " + text + " ~* ?")
                    .params(pattern, PersonalData.ERASED, pattern).update();
        }
        return changed;
    }
}
