package io.switchboard.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
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
        db().sql("UPDATE platform.tenants SET retention_days = 7 WHERE slug = ?").param(strict).update();
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
