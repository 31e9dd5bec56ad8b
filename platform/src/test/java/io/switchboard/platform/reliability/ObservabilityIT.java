package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Metrics, health and logs tell an operator what the platform is doing. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT extends PlatformIT {

    @Test
    void prometheusExposesIngressProcessingAndQueueMetrics(CapturedOutput output) {
        String slug = onboard(uniqueSlug("metrics"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_metrics"));
        byte[] body = fixture("stripe/checkout_session_completed_payment_link.json");
        assertThat(webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_metrics")).status()).isEqualTo(200);
        assertThat(webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_wrong")).status()).isEqualTo(400);
        assertThat(webhook(slug, "no-such-provider", body, Map.of()).status()).isEqualTo(404);
        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries").get(0).get("status")).isEqualTo("PROCESSED"));

        String metrics = api("GET", "/actuator/prometheus", null, null).body();

        assertThat(metrics).contains("switchboard_webhooks_received_total{outcome=\"stored\",provider=\"stripe\"}")
                .contains("switchboard_webhooks_rejected_total{provider=\"stripe\",reason=\"unverified\"}")
                .contains("switchboard_webhooks_rejected_total{provider=\"other\",reason=\"unknown\"}")
                .doesNotContain("no-such-provider")
                .contains("switchboard_deliveries_processed_total{outcome=\"processed\",provider=\"stripe\"}")
                .contains("switchboard_deliveries_latency_seconds_count{provider=\"stripe\"}")
                .contains("switchboard_queue_depth{placement=\"main\"}")
                .contains("switchboard_webhooks_latency_seconds_count{provider=\"stripe\"}")
                .contains("switchboard_webhooks_latency_seconds_count{provider=\"other\"}")
                // webhooks are timed by the counter above, not by the costlier per-request observation
                .doesNotContain("uri=\"/webhooks/");
        assertThat(output.getOut()).containsPattern("\\[tenant=" + slug + " delivery=\\] .*Rejected stripe webhook");
    }

    @Test
    void linesAboutADeliveryCarryItsTenantAndDeliveryIds(CapturedOutput output) {
        String slug = onboard(uniqueSlug("logs"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_logs"));
        long tenantId = db().sql("SELECT id FROM platform.tenants WHERE slug = ?").param(slug).query(Long.class).single();
        // A stored delivery that is not a Stripe event: its interpretation fails for good.
        long deliveryId = (long) rows(slug, """
                INSERT INTO {schema}.deliveries (provider, dedupe_key, event_type, occurred_at, body)
                VALUES ('stripe', 'evt_not_an_event', 'unknown', now(), '{}'::bytea) RETURNING id""").get(0).get("id");
        db().sql("INSERT INTO queue.work_items (kind, tenant_id, item_id) VALUES ('DELIVERY', ?, ?)")
                .params(tenantId, deliveryId).update();

        eventually(() -> assertThat(rows(slug, "SELECT status FROM {schema}.deliveries").get(0).get("status")).isEqualTo("DEAD"));
        eventually(() -> assertThat(output.getOut()).containsPattern(
                "\\[tenant=" + slug + " delivery=" + deliveryId + "\\] .*Delivery " + deliveryId + " is dead-lettered"));
    }

    @Test
    void readinessReflectsTheDatabaseAndThePluginHost() {
        Response health = api("GET", "/actuator/health/readiness", null, null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("connectorHost").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("connectorHost").path("details").path("connectors").toString())
                .contains("stripe", "acuity", "facebook", "sms", "email");
    }
}
