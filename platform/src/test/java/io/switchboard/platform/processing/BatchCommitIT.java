package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The deliveries of one claim commit in one transaction, and a delivery whose commands fail costs only its own
 * retry: the others of its batch are committed without it.
 */
class BatchCommitIT extends PlatformIT {

    private static final int BATCH = 10;

    @Test
    void aClaimsDeliveriesCommitTogether() {
        String slug = tenantWithBacklog("batch");

        awaitSettled(slug);

        assertThat(count(slug, "SELECT count(*) AS n FROM {schema}.deliveries WHERE status = 'PROCESSED'")).isEqualTo(BATCH);
        assertThat(count(slug, "SELECT count(*) AS n FROM {schema}.payments WHERE status = 'PAID'")).isEqualTo(BATCH);
        // Rows written by one transaction carry its id.
        assertThat(count(slug, "SELECT count(DISTINCT xmin::text) AS n FROM {schema}.deliveries")).isEqualTo(1L);
    }

    @Test
    void aDeliveryWhoseCommandsFailIsRetriedAloneAndTheRestOfItsBatchCommits() {
        String slug = uniqueSlug("poison");
        String schema = schemaOf(slug);
        onboard(slug);
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + slug));
        // A fault only the database knows of: recording the payment of checkout number 4 fails.
        db().sql("CREATE FUNCTION " + schema + ".refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.checkout_session_id = 'cs_batch_4' THEN RAISE EXCEPTION 'payments are refused for cs_batch_4';"
                + " END IF; RETURN NEW; END $$").update();
        db().sql("CREATE TRIGGER refuse_poison BEFORE INSERT ON " + schema + ".payments FOR EACH ROW EXECUTE FUNCTION "
                + schema + ".refuse_poison()").update();
        enqueueBacklog(slug);

        awaitSettled(slug);

        assertThat(count(slug, "SELECT count(*) AS n FROM {schema}.deliveries WHERE status = 'PROCESSED'")).isEqualTo(BATCH - 1);
        assertThat(count(slug, "SELECT count(*) AS n FROM {schema}.payments")).isEqualTo(BATCH - 1);
        Map<String, Object> poisoned = rows(slug, "SELECT status, attempts, last_error FROM {schema}.deliveries"
                + " WHERE dedupe_key = 'evt_batch_4'").get(0);
        assertThat(poisoned.get("status")).isEqualTo("RETRYING");
        assertThat((String) poisoned.get("last_error")).contains("payments are refused for cs_batch_4");
        assertThat(count(slug, "SELECT count(*) AS n FROM {schema}.payments WHERE checkout_session_id = 'cs_batch_4'"))
                .isZero();

        // Once the fault is gone, its retry goes through.
        db().sql("DROP TRIGGER refuse_poison ON " + schema + ".payments").update();
        db().sql("UPDATE queue.work_items SET run_at = now() WHERE tenant_id = (SELECT id FROM platform.tenants WHERE slug = ?)")
                .param(slug).update();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(count(slug, "SELECT count(*) AS n FROM {schema}.payments")).isEqualTo(BATCH));
    }

    /** A tenant with a Stripe connection and {@link #BATCH} checkouts queued at once, so one claim takes them all. */
    private String tenantWithBacklog(String prefix) {
        String slug = uniqueSlug(prefix);
        onboard(slug);
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + slug));
        enqueueBacklog(slug);
        return slug;
    }

    private void enqueueBacklog(String slug) {
        String schema = schemaOf(slug);
        String checkout = new String(fixture("stripe/checkout_session_completed_payment_link.json"), StandardCharsets.UTF_8);
        for (int i = 0; i < BATCH; i++) {
            String body = checkout.replace("evt_1ToUHNRk2TqLm7ZdydeYpnGj", "evt_batch_" + i)
                    .replace("cs_test_a1QldTgMalr0lMlleIqsXhCYfI3NkoALE6on6WMsrGUvS2Ttok5CWuKFYP", "cs_batch_" + i)
                    .replace("pi_3TvBtxRk2TqLm7Zdd8I3Ouh8", "pi_batch_" + i);
            assertThat(body).contains("cs_batch_" + i);
            db().sql("INSERT INTO " + schema + ".deliveries (provider, dedupe_key, event_type, occurred_at, body)"
                    + " VALUES ('stripe', ?, 'checkout.session.completed', now(), ?)")
                    .params("evt_batch_" + i, body.getBytes(StandardCharsets.UTF_8)).update();
        }
        // One statement: the entries become due together, and the first claim takes all of them.
        db().sql("INSERT INTO queue.work_items (kind, tenant_id, item_id) SELECT 'DELIVERY', t.id, d.id"
                + " FROM platform.tenants t, " + schema + ".deliveries d WHERE t.slug = ?").param(slug).update();
    }

    private void awaitSettled(String slug) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                count(slug, "SELECT count(*) AS n FROM {schema}.deliveries WHERE status IN ('RECEIVED')")).isZero());
    }

    private long count(String slug, String sql) {
        return (long) rows(slug, sql).get(0).get("n");
    }

    private static String schemaOf(String slug) {
        return "\"tenant_" + slug.replace('-', '_') + "\"";
    }
}
