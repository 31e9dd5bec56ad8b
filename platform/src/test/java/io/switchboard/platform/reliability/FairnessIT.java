package io.switchboard.platform.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.AcuitySigner;
import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.ScenarioResults;
import io.switchboard.platform.support.StripeSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One tenant's backlog or slow provider does not hold up another tenant's delivery: workers go round the
 * tenants with work, and no tenant gets every worker.
 */
class FairnessIT extends PlatformIT {

    @Test
    void aLargeBacklogOfOneTenantDoesNotDelayAnothersDelivery() {
        String busy = onboard(uniqueSlug("backlog"));
        String quiet = onboard(uniqueSlug("quiet"));
        connect(busy, "stripe", Map.of(), Map.of("webhookSecret", "whsec_busy"));
        connect(quiet, "stripe", Map.of(), Map.of("webhookSecret", "whsec_quiet"));
        String schema = "\"tenant_" + busy.replace('-', '_') + "\"";
        long busyId = db().sql("SELECT id FROM platform.tenants WHERE slug = ?").param(busy).query(Long.class).single();
        db().sql("INSERT INTO " + schema + ".deliveries (provider, dedupe_key, event_type, occurred_at, body) "
                        + "SELECT 'stripe', 'evt_bulk' || g, 'payment_intent.succeeded', now(), ? FROM generate_series(1, 10000) g")
                .param(fixture("stripe/payment_intent_succeeded.json")).update();
        db().sql("INSERT INTO queue.work_items (kind, tenant_id, item_id) SELECT 'DELIVERY', ?, id FROM " + schema + ".deliveries")
                .param(busyId).update();
        byte[] body = fixture("stripe/checkout_session_completed_payment_link.json");

        long started = System.nanoTime();
        assertThat(webhook(quiet, "stripe", body, StripeSigner.headers(body, "whsec_quiet")).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                rows(quiet, "SELECT status FROM {schema}.deliveries").stream().anyMatch(r -> "PROCESSED".equals(r.get("status"))));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        long backlogLeft = (long) rows(busy, "SELECT count(*) AS n FROM {schema}.deliveries WHERE status = 'RECEIVED'").get(0).get("n");

        ScenarioResults.write("fairness-backlog", "one tenant's delivery while another has 10,000 queued",
                "backlogQueued", 10000, "quietTenantWaitMillis", waited.toMillis(), "backlogLeftWhenDone", backlogLeft);

        assertThat(waited).isLessThan(Duration.ofSeconds(3));
        assertThat(backlogLeft).as("the other tenant's backlog was still being worked through").isPositive();
        // Draining the whole backlog takes a while on a busy machine; only its end is checked here.
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(rows(busy, "SELECT count(*) AS n FROM {schema}.deliveries WHERE status = 'IGNORED'")
                        .get(0).get("n")).isEqualTo(10000L));
    }

    @Test
    void aTenantWhoseProviderHangsDoesNotStallOthers() {
        String slow = onboard(uniqueSlug("slowapi"));
        String fast = onboard(uniqueSlug("fastapi"));
        connect(slow, "acuity", Map.of("userId", "1"), Map.of("apiKey", "slow-key"));
        connect(fast, "stripe", Map.of(), Map.of("webhookSecret", "whsec_fast"));
        PROVIDERS.stubFor(get(urlPathMatching("/api/v1/appointments/.*")).willReturn(aResponse().withStatus(503).withFixedDelay(4000)));
        String acuity = new String(fixture("acuity/webhook_scheduled.txt"), StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            byte[] notification = acuity.replace("1387452209", "99000" + i).getBytes(StandardCharsets.UTF_8);
            assertThat(webhook(slow, "acuity", notification, AcuitySigner.headers(notification, "slow-key")).status()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> PROVIDERS.getAllServeEvents().size() >= 1);
        byte[] body = fixture("stripe/checkout_session_completed_payment_link.json");

        long started = System.nanoTime();
        assertThat(webhook(fast, "stripe", body, StripeSigner.headers(body, "whsec_fast")).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                "PROCESSED".equals(rows(fast, "SELECT status FROM {schema}.deliveries").get(0).get("status")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(rows(slow, "SELECT count(*) AS n FROM {schema}.deliveries WHERE status = 'PROCESSED'").get(0).get("n"))
                .isEqualTo(0L);
    }
}
