package io.switchboard.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Raw webhook payloads are kept for the tenant's retention period and purged after it; the rest stays. */
class DeliveryRetentionIT extends PlatformIT {

    @Autowired
    private DeliveryRetention retention;

    @Test
    void payloadsOlderThanEachTenantsPeriodArePurgedAndNothingElse() {
        String standard = onboard(uniqueSlug("retain"));
        String strict = onboard(uniqueSlug("retain-strict"));
        Response changed = api("PATCH", "/api/v1/tenants/" + strict, adminToken(), Map.of("retentionDays", 7));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("retentionDays").asInt()).isEqualTo(7);
        assertThat(api("GET", "/api/v1/tenants/" + standard, adminToken(), null).json().path("retentionDays").asInt())
                .as("the default").isEqualTo(30);
        insertDelivery(standard, "old", 31, "PROCESSED");
        insertDelivery(standard, "recent", 29, "PROCESSED");
        insertDelivery(standard, "old-waiting", 40, "RETRYING");
        insertDelivery(strict, "ten-days", 10, "DEAD");
        insertDelivery(strict, "two-days", 2, "IGNORED");

        long purged = retention.purgeAll();

        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(state(standard)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "old", "purged", "recent", "kept", "old-waiting", "kept"));
        assertThat(state(strict)).containsExactlyInAnyOrderEntriesOf(Map.of("ten-days", "purged", "two-days", "kept"));
        assertThat(rows(standard, "SELECT status, event_type, headers::text AS headers FROM {schema}.deliveries WHERE dedupe_key = 'old'"))
                .singleElement().satisfies(d -> assertThat(d).containsEntry("status", "PROCESSED")
                        .containsEntry("event_type", "checkout.session.completed").containsEntry("headers", "{}"));
        assertThat(retention.purgeAll()).as("a second run finds nothing of these").isZero();
    }

    @Test
    void theRetentionPeriodIsATenantAdminsSettingWithinBounds() {
        String slug = onboard(uniqueSlug("retain-set"));
        Response client = api("POST", "/api/v1/tenants/" + slug + "/api-clients", adminToken(),
                Map.of("name", "integrator", "scopes", List.of("api:read", "api:write")));
        String integrator = token(client.json().path("clientId").asString(), client.json().path("clientSecret").asString(),
                "api:read api:write");
        String path = "/api/v1/tenants/" + slug;

        assertThat(api("PATCH", path, integrator, Map.of("retentionDays", 3650)).status()).isEqualTo(403);
        Response invalid = api("PATCH", path, adminToken(), Map.of("retentionDays", 0, "name", " "));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").has("retentionDays")).isTrue();
        assertThat(invalid.json().path("errors").has("name")).isTrue();
        assertThat(api("PATCH", path, adminToken(), Map.of("retentionDays", 3651)).status()).isEqualTo(400);
        assertThat(api("GET", path, adminToken(), null).json().path("retentionDays").asInt()).as("unchanged").isEqualTo(30);

        Response renamed = api("PATCH", path, adminToken(), Map.of("name", "Atelier Raku"));
        assertThat(renamed.json().path("name").asString()).isEqualTo("Atelier Raku");
        assertThat(renamed.json().path("retentionDays").asInt()).as("left out, so kept").isEqualTo(30);
    }

    private void insertDelivery(String slug, String key, int daysAgo, String status) {
        db().sql("INSERT INTO \"tenant_" + slug.replace('-', '_') + "\".deliveries (provider, dedupe_key, event_type, occurred_at,"
                        + " received_at, headers, body, status) VALUES ('stripe', ?, 'checkout.session.completed',"
                        + " now() - make_interval(days => ?), now() - make_interval(days => ?),"
                        + " '{\"Stripe-Signature\": \"t=1,v1=abc\"}', ?, ?)")
                .params(key, daysAgo, daysAgo, "{\"email\": \"someone@example.fr\"}".getBytes(StandardCharsets.UTF_8), status)
                .update();
    }

    /** Each delivery's dedupe key with "purged" (no body, no headers, a purge time) or "kept". */
    private Map<String, String> state(String slug) {
        Map<String, String> state = new java.util.HashMap<>();
        rows(slug, "SELECT dedupe_key, body IS NULL AND headers = '{}'::jsonb AND body_purged_at IS NOT NULL AS purged,"
                + " body IS NOT NULL AND body_purged_at IS NULL AS kept FROM {schema}.deliveries")
                .forEach(r -> state.put((String) r.get("dedupe_key"),
                        Boolean.TRUE.equals(r.get("purged")) ? "purged" : Boolean.TRUE.equals(r.get("kept")) ? "kept" : "mixed"));
        return state;
    }
}
