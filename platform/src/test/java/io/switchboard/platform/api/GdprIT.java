package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.notify.Suppressions;
import io.switchboard.platform.support.MessagingIT;
import io.switchboard.platform.support.ProviderFakes;
import io.switchboard.platform.support.StripeSigner;
import io.switchboard.platform.support.TwilioSigner;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import io.switchboard.platform.tenancy.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * GDPR through the API on a person the platform really knows: she paid through Stripe (contact, attendee, payment,
 * a confirmation email), then answered STOP by SMS (opt-out evidence, suppression, a confirmation SMS, an incident).
 * The export holds all of it; the erasure leaves no trace of her email or phone in any column of any table of the
 * tenant's schema, raw webhook bodies included, while her number stays suppressed.
 */
class GdprIT extends MessagingIT {

    static final String STRIPE_SECRET = "whsec_gdpr_test";
    static final String EMAIL = "elodie.martin@example.fr";
    static final String PHONE = "+33639980101";
    static final String OTHER_EMAIL = "camille.bernard@example.fr";

    @Autowired
    private TenantDatabase database;

    @Autowired
    private TenantRegistry registry;

    @Autowired
    private Suppressions suppressions;

    @BeforeEach
    void providersAccept() {
        ProviderFakes.twilioAccepts(PROVIDERS, fixture("twilio/messages-api/create_message_response_201.json"));
        ProviderFakes.resendAccepts(PROVIDERS, fixture("resend/send_email_response_200.json"));
    }

    @Test
    void exportHoldsEverythingAndErasureLeavesNoTraceButTheSuppressionHash() {
        String slug = onboard(uniqueSlug("gdpr"));
        String contactId = aPersonWhoPaidThenSaidStop(slug);
        String otherId = anotherPerson(slug);
        String contact = "/api/v1/tenants/" + slug + "/contacts/" + contactId;

        Response export = api("GET", contact + "/export", adminToken(), null);

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode e = export.json();
        assertThat(e.path("contact").path("email").asString()).isEqualTo(EMAIL);
        assertThat(e.path("contact").path("status").asString()).isEqualTo("OPTED_OUT");
        assertThat(e.path("contact").path("optOutKeyword").asString()).isEqualTo("STOP");
        assertThat(e.path("contact").path("optedOutAt").isString()).isTrue();
        assertThat(e.path("attendees")).singleElement().satisfies(a -> {
            assertThat(a.path("paymentStatus").asString()).isEqualTo("PAID");
            assertThat(a.path("eventName").asString()).isEqualTo("Atelier découverte céramique");
            assertThat(a.path("intakeData").path("allergies").asString()).isEqualTo("aucune");
        });
        assertThat(e.path("payments")).singleElement().satisfies(p -> assertThat(p.path("amount").asLong()).isEqualTo(4500));
        assertThat(e.path("messages").valueStream().map(m -> m.path("channel").asString() + " " + m.path("recipient").asString()))
                .containsExactlyInAnyOrder("EMAIL " + EMAIL, "SMS " + PHONE);
        assertThat(e.path("suppressions")).singleElement().satisfies(s -> {
            assertThat(s.path("address").asString()).isEqualTo(PHONE);
            assertThat(s.path("keyword").asString()).isEqualTo("STOP");
            assertThat(s.path("reason").asString()).isEqualTo("opt_out");
        });
        assertThat(e.path("incidents").valueStream().map(i -> i.path("kind").asString()))
                .containsExactlyInAnyOrder("sms.opted_out", "payment.unknown_event");
        assertThat(e.path("deliveries").valueStream().map(d -> d.path("provider").asString()))
                .containsExactlyInAnyOrder("stripe", "sms");
        assertThat(e.toString()).doesNotContain(OTHER_EMAIL);
        assertThat(traces(slug)).as("the scan sees the person before the erasure").contains("contacts.email",
                "deliveries.body", "messages.recipient", "incidents.details", "suppressions.address", "attendee_events.intake_data");

        Response erased = api("DELETE", contact, adminToken(), null);

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().path("messagesDeleted").asInt()).isEqualTo(2);
        assertThat(erased.json().path("deliveriesPurged").asInt()).isEqualTo(2);
        assertThat(erased.json().path("suppressionsKeptAsHash").asInt()).isEqualTo(1);
        assertThat(traces(slug)).as("columns still holding the person's email or phone").isEmpty();

        Tenant tenant = registry.find(slug).orElseThrow();
        boolean stillSuppressed = database.inTenant(tenant, jdbc -> suppressions.isSuppressed(jdbc, tenant, "SMS", PHONE));
        assertThat(stillSuppressed)
                .as("the erased number still counts as opted out").isTrue();
        assertThat(rows(slug, "SELECT address, reason, keyword FROM {schema}.suppressions")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("address", null).containsEntry("keyword", "STOP"));
        assertThat(rows(slug, "SELECT contact_id, amount FROM {schema}.payments")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("contact_id", null).containsEntry("amount", 4500L));
        assertThat(rows(slug, "SELECT body_purged_at FROM {schema}.deliveries WHERE body IS NULL")).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("body_purged_at")).isNotNull());
        assertThat(api("GET", contact, adminToken(), null).status()).isEqualTo(404);
        assertThat(api("GET", contact + "/export", adminToken(), null).status()).isEqualTo(404);
        assertThat(api("DELETE", contact, adminToken(), null).status()).isEqualTo(404);

        // Someone else's records are untouched.
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/contacts/" + otherId, adminToken(), null).json()
                .path("email").asString()).isEqualTo(OTHER_EMAIL);
        assertThat(rows(slug, "SELECT convert_from(body, 'UTF8') AS body FROM {schema}.deliveries WHERE provider = 'test'"))
                .singleElement().satisfies(d -> assertThat((String) d.get("body")).contains(OTHER_EMAIL));
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/audit-log", adminToken(), null).json().path("items").valueStream()
                .map(a -> a.path("action").asString() + " " + a.path("resource").asString()))
                .contains("contact.erase contacts/" + contactId, "contact.export contacts/" + contactId);
    }

    /** The paid-then-STOP person; returns her contact id. */
    private String aPersonWhoPaidThenSaidStop(String slug) {
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", STRIPE_SECRET));
        String authToken = "token-" + UUID.randomUUID();
        connect(slug, "sms", Map.of("accountSid", "AC9b1f153598793376abf73d9df157f03a", "fromNumber", uniqueSenderNumber()),
                Map.of("authToken", authToken));
        connect(slug, "email", Map.of("fromAddress", "bonjour@atelier.example"), Map.of("apiKey", "re_" + UUID.randomUUID()));
        Response event = api("POST", "/api/v1/tenants/" + slug + "/events", adminToken(), Map.of(
                "name", "Atelier découverte céramique", "stripePaymentLinkId", "plink_1TysIMRk2TqLm7Zd4GUXq7j2",
                "notificationTemplates", Map.of("payment.confirmed", Map.of("email", Map.of(
                        "subject", "Merci {{contact.firstName}}", "text", "À bientôt, {{contact.firstName}} !")))));
        assertThat(event.status()).as(event.body()).isEqualTo(201);

        byte[] checkout = fixture("stripe/checkout_session_completed_payment_link.json");
        assertThat(webhook(slug, "stripe", checkout, StripeSigner.headers(checkout, STRIPE_SECRET)).status()).isEqualTo(200);
        awaitIdle(slug);
        db().sql("UPDATE " + schema(slug) + ".contacts SET phone = ? WHERE email = ?").params(PHONE, EMAIL).update();
        db().sql("UPDATE " + schema(slug) + ".attendee_events SET intake_data = ?::jsonb")
                .param("{\"allergies\": \"aucune\", \"contact\": \"" + PHONE + "\"}").update();

        byte[] stop = fixture("twilio/inbound-sms/sms_stop.txt");
        assertThat(webhook(slug, "sms", stop, TwilioSigner.headers(slug, stop, authToken)).status()).isEqualTo(200);
        awaitIdle(slug);
        db().sql("INSERT INTO " + schema(slug) + ".incidents (kind, severity, summary, details) VALUES "
                + "('payment.unknown_event', 'WARNING', 'A payment by " + EMAIL.toUpperCase(Locale.ROOT) + " for no known event', "
                + "'{\"customerEmail\": \"" + EMAIL + "\"}')").update();
        return rows(slug, "SELECT id FROM {schema}.contacts WHERE email = ?", EMAIL).get(0).get("id").toString();
    }

    /** Another contact with a raw delivery of its own, which the erasure must leave alone. */
    private String anotherPerson(String slug) {
        db().sql("INSERT INTO " + schema(slug) + ".deliveries (provider, dedupe_key, event_type, occurred_at, body, status) "
                        + "VALUES ('test', 'other-1', 'lead.created', now(), ?, 'PROCESSED')")
                .param(("{\"email\": \"" + OTHER_EMAIL + "\"}").getBytes(StandardCharsets.UTF_8)).update();
        return db().sql("INSERT INTO " + schema(slug) + ".contacts (email, phone) VALUES (?, '+33700000001') RETURNING id")
                .param(OTHER_EMAIL).query(Long.class).single().toString();
    }

    /**
     * Every {@code table.column} of the tenant's schema whose text, JSON, array or raw bytes hold the person's email
     * or phone, in any case, as is or URL-encoded (as Twilio's form bodies carry it) or as the phone's bare digits.
     */
    private List<String> traces(String slug) {
        String schemaName = "tenant_" + slug.replace('-', '_');
        List<String> needles = List.of(EMAIL, "elodie.martin%40example.fr", PHONE, "%2b33639980101", "33639980101");
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = db().sql("""
                SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY')""")
                .param(schemaName).query().listOfRows();
        assertThat(columns).as("the scan reads the tenant's tables").hasSizeGreaterThan(30);
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            boolean bytes = "bytea".equals(column.get("data_type"));
            String select = "SELECT " + quote(name) + (bytes ? "" : "::text") + " FROM " + quote(schemaName) + "." + quote(table)
                    + " WHERE " + quote(name) + " IS NOT NULL";
            List<String> values = bytes
                    ? db().sql(select).query(byte[].class).list().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList()
                    : db().sql(select).query(String.class).list();
            if (values.stream().map(v -> v.toLowerCase(Locale.ROOT)).anyMatch(v -> needles.stream().anyMatch(v::contains))) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    private static String schema(String slug) {
        return quote("tenant_" + slug.replace('-', '_'));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
