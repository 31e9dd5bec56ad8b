package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The read-mostly lists: subscriptions, the outbound message log, incidents (and resolving one). */
class RecordsApiIT extends PlatformIT {

    @Test
    void subscriptionsShowTheirPlanBillingAndDunningState() {
        String slug = onboard(uniqueSlug("subs"));
        long contact = insert(slug, "INSERT INTO {schema}.contacts (email) VALUES ('abonne@example.fr') RETURNING id");
        insert(slug, "INSERT INTO {schema}.subscriptions (provider_subscription_id, contact_id, status, plan_id, plan_name, amount,"
                + " currency, billing_interval, current_period_end, cancel_at_period_end, service_suspended, failed_payment_count)"
                + " VALUES ('sub_1Abc', " + contact + ", 'past_due', 'price_1Monthly', 'Mensuel', 2900, 'eur', 'month',"
                + " '2026-12-01T00:00:00Z', true, true, 3) RETURNING id");
        insert(slug, "INSERT INTO {schema}.subscriptions (provider_subscription_id, status) VALUES ('sub_2Def', 'active') RETURNING id");

        JsonNode all = api("GET", "/api/v1/tenants/" + slug + "/subscriptions", adminToken(), null).json().path("items");
        JsonNode pastDue = api("GET", "/api/v1/tenants/" + slug + "/subscriptions?status=past_due", adminToken(), null).json()
                .path("items");

        assertThat(all).hasSize(2);
        assertThat(pastDue).singleElement().satisfies(s -> {
            assertThat(s.path("providerSubscriptionId").asString()).isEqualTo("sub_1Abc");
            assertThat(s.path("planId").asString()).isEqualTo("price_1Monthly");
            assertThat(s.path("planName").asString()).isEqualTo("Mensuel");
            assertThat(s.path("amount").asLong()).isEqualTo(2900);
            assertThat(s.path("currency").asString()).isEqualTo("eur");
            assertThat(s.path("interval").asString()).isEqualTo("month");
            assertThat(s.path("currentPeriodEnd").asString()).isEqualTo("2026-12-01T00:00:00Z");
            assertThat(s.path("cancelAtPeriodEnd").asBoolean()).isTrue();
            assertThat(s.path("serviceSuspended").asBoolean()).isTrue();
            assertThat(s.path("failedPaymentCount").asInt()).isEqualTo(3);
            assertThat(s.path("contactId").asString()).isEqualTo(Long.toString(contact));
        });
    }

    @Test
    void messagesAreListedNewestFirstAndFilteredByStatusAndChannel() {
        String slug = onboard(uniqueSlug("msgs"));
        for (String[] m : List.of(new String[] {"SMS", "+33600000001", "SENT"}, new String[] {"EMAIL", "a@example.fr", "SENT"},
                new String[] {"SMS", "+33600000002", "SUPPRESSED"}, new String[] {"EMAIL", "b@example.fr", "FAILED"})) {
            insert(slug, "INSERT INTO {schema}.messages (channel, recipient, template_key, status, provider_message_id, attempts,"
                    + " last_error, dedupe_key, idempotency_key, sent_at) VALUES ('" + m[0] + "', '" + m[1] + "', 'payment.confirmed', '"
                    + m[2] + "', 'SM" + m[1].hashCode() + "', 1, " + (m[2].equals("FAILED") ? "'mailbox unavailable'" : "NULL")
                    + ", gen_random_uuid()::text, gen_random_uuid()::text, " + (m[2].equals("SENT") ? "now()" : "NULL")
                    + ") RETURNING id");
        }
        String messages = "/api/v1/tenants/" + slug + "/messages";

        assertThat(api("GET", messages, adminToken(), null).json().path("items").valueStream().map(m -> m.path("recipient").asString()))
                .containsExactly("b@example.fr", "+33600000002", "a@example.fr", "+33600000001");
        assertThat(api("GET", messages + "?channel=SMS&status=SENT", adminToken(), null).json().path("items")).singleElement()
                .satisfies(m -> {
                    assertThat(m.path("recipient").asString()).isEqualTo("+33600000001");
                    assertThat(m.path("templateKey").asString()).isEqualTo("payment.confirmed");
                    assertThat(m.path("attempts").asInt()).isEqualTo(1);
                    assertThat(m.path("sentAt").isString()).isTrue();
                    assertThat(m.path("providerMessageId").asString()).startsWith("SM");
                });
        assertThat(api("GET", messages + "?status=FAILED", adminToken(), null).json().path("items")).singleElement()
                .satisfies(m -> assertThat(m.path("lastError").asString()).isEqualTo("mailbox unavailable"));
        Response firstTwo = api("GET", messages + "?limit=2", adminToken(), null);
        Response lastTwo = api("GET", messages + "?limit=2&cursor=" + firstTwo.json().path("nextCursor").asString(), adminToken(), null);
        assertThat(lastTwo.json().path("items").valueStream().map(m -> m.path("recipient").asString()))
                .containsExactly("a@example.fr", "+33600000001");
    }

    @Test
    void anIncidentIsResolvedOnceAndTheResolutionIsAudited() {
        String slug = onboard(uniqueSlug("incidents"));
        long open = insert(slug, "INSERT INTO {schema}.incidents (kind, severity, summary, details, delivery_id) VALUES"
                + " ('delivery.dead', 'ERROR', 'A Stripe event could not be processed', '{\"attempts\": 8}', 42) RETURNING id");
        insert(slug, "INSERT INTO {schema}.incidents (kind, severity, summary) VALUES ('sms.opted_out', 'INFO', 'Opt-out') RETURNING id");
        String incidents = "/api/v1/tenants/" + slug + "/incidents";

        Response resolved = api("POST", incidents + "/" + open + "/resolve", adminToken(), null);
        Response again = api("POST", incidents + "/" + open + "/resolve", adminToken(), null);

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        JsonNode incident = resolved.json();
        assertThat(incident.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(incident.path("kind").asString()).isEqualTo("delivery.dead");
        assertThat(incident.path("severity").asString()).isEqualTo("ERROR");
        assertThat(incident.path("details").path("attempts").asInt()).isEqualTo(8);
        assertThat(incident.path("deliveryId").asString()).isEqualTo("42");
        assertThat(again.json().path("resolvedAt").asString()).isEqualTo(incident.path("resolvedAt").asString());
        assertThat(api("GET", incidents + "?status=OPEN", adminToken(), null).json().path("items").valueStream()
                .map(i -> i.path("kind").asString())).containsExactly("sms.opted_out");
        assertThat(api("GET", incidents + "?status=RESOLVED&severity=ERROR", adminToken(), null).json().path("items")).hasSize(1);
        assertThat(api("POST", incidents + "/999999/resolve", adminToken(), null).status()).isEqualTo(404);
        assertThat(rows(slug, "SELECT action, resource FROM {schema}.audit_log WHERE action = 'incident.resolve'"))
                .contains(Map.of("action", "incident.resolve", "resource", "incidents/" + open));
    }

    private long insert(String slug, String sql) {
        return ((Number) rows(slug, sql).get(0).get("id")).longValue();
    }
}
