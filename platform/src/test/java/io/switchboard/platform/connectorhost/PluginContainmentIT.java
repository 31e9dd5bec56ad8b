package io.switchboard.platform.connectorhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.connectorhost.misbehaving.BrokenDescriptorConnector;
import io.switchboard.platform.connectorhost.misbehaving.FutureApiConnector;
import io.switchboard.platform.connectorhost.misbehaving.HangingVerifyConnector;
import io.switchboard.platform.connectorhost.misbehaving.HealthyConnector;
import io.switchboard.platform.connectorhost.misbehaving.SleepingConnector;
import io.switchboard.platform.connectorhost.misbehaving.TestWebhookConnector;
import io.switchboard.platform.connectorhost.misbehaving.ThrowingConnector;
import io.switchboard.platform.connectorhost.misbehaving.UndeclaredHostConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Misbehaving plugins, installed into the running platform by the reload endpoint, cannot hurt it or other
 * tenants: an exception, a hang past the time limit ({@code connector-timeout}, 5 s in the test profile) or a
 * call to an undeclared host costs a retry and finally a dead letter with an incident, never a worker; a hang in
 * verify, on the request thread, holds a bounded number of request threads and never the other providers'; a
 * plugin built for another connector API, or one that fails while loading, is refused and listed with the
 * reason. Each test installs a well-behaved plugin too, whose deliveries must keep flowing.
 */
class PluginContainmentIT extends PluginInstallingIT {

    /** switchboard.ingress.max-concurrent-verifications, the default. */
    private static final int MAX_CONCURRENT_VERIFICATIONS = 32;

    @TempDir
    Path jars;

    @Test
    void aPluginThatThrowsIsRetriedThenDeadWithAnIncidentWhileOtherTenantsAreServed() {
        install(ThrowingConnector.PROVIDER, ThrowingConnector.class);
        install(HealthyConnector.PROVIDER, HealthyConnector.class);
        String victim = tenantWith(ThrowingConnector.PROVIDER);
        String bystander = tenantWith(HealthyConnector.PROVIDER);

        assertThat(send(victim, ThrowingConnector.PROVIDER, "evt-1")).isEqualTo(200);

        eventually(() -> assertThat(delivery(victim)).satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("DEAD");
            assertThat(row.get("attempts")).isEqualTo(3);
            assertThat((String) row.get("last_error")).contains("gave up after 3 attempts")
                    .contains(ThrowingConnector.MESSAGE);
        }));
        assertThat(rows(victim, "SELECT kind, severity FROM {schema}.incidents")).singleElement().satisfies(row -> {
            assertThat(row.get("kind")).isEqualTo("delivery.dead");
            assertThat(row.get("severity")).isEqualTo("ERROR");
        });
        assertHealthyPluginIsServed(bystander);
    }

    @Test
    void aPluginThatHangsIsAbandonedAtTheTimeLimitAndHoldsNoWorker() {
        install(SleepingConnector.PROVIDER, SleepingConnector.class);
        install(HealthyConnector.PROVIDER, HealthyConnector.class);
        String victim = tenantWith(SleepingConnector.PROVIDER);
        String bystander = tenantWith(HealthyConnector.PROVIDER);
        long started = System.nanoTime();

        assertThat(send(victim, SleepingConnector.PROVIDER, "evt-1")).isEqualTo(200);

        // While its call hangs, the other tenant is served.
        assertHealthyPluginIsServed(bystander);
        Awaitility.await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(delivery(victim)).satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("RETRYING");
                    assertThat((String) row.get("last_error")).contains("took longer than 5 s");
                }));
        // Three attempts of 5 s each end in a dead letter long before one hang (60 s, deaf to interruption) is
        // over: the platform never waited for the plugin, and the two test workers were free for every retry.
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(delivery(victim)).satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("DEAD");
                    assertThat(row.get("attempts")).isEqualTo(3);
                }));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofMillis(SleepingConnector.HANG_MILLIS));
        assertThat(rows(victim, "SELECT kind FROM {schema}.incidents")).extracting(r -> r.get("kind"))
                .containsExactly("delivery.dead");
        assertHealthyPluginIsServed(bystander);
    }

    @Test
    void aPluginThatHangsInVerifyHoldsABoundedNumberOfRequestThreads() throws Exception {
        install(HangingVerifyConnector.PROVIDER, HangingVerifyConnector.class);
        install(HealthyConnector.PROVIDER, HealthyConnector.class);
        String victim = tenantWith(HangingVerifyConnector.PROVIDER);
        String bystander = tenantWith(HealthyConnector.PROVIDER);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENT_VERIFICATIONS; i++) {
            stuck.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url("/webhooks/" + victim + "/"
                            + HangingVerifyConnector.PROVIDER))).header(TestWebhookConnector.EVENT_HEADER, "stuck-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString("x@example.com")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // Once the bound is taken, the next request of that provider is refused at once, and asks to come back.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long started = System.nanoTime();
            Response refused = webhook(victim, HangingVerifyConnector.PROVIDER,
                    "x@example.com".getBytes(StandardCharsets.UTF_8), Map.of(TestWebhookConnector.EVENT_HEADER, "one-more"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("type").asString()).endsWith("/connector-busy");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        });
        // Other providers' webhooks are still received and processed.
        assertHealthyPluginIsServed(bystander);
        assertThat(stuck).noneMatch(CompletableFuture::isDone);
        assertThat(stored(victim)).isEmpty();
    }

    @Test
    void aPluginThatCallsAnUndeclaredHostNeverReachesIt() {
        try (LoopbackListener forbidden = new LoopbackListener()) {
            install(UndeclaredHostConnector.PROVIDER, UndeclaredHostConnector.class);
            String slug = onboard(uniqueSlug("ssrf"));
            connect(slug, UndeclaredHostConnector.PROVIDER,
                    Map.of(TestWebhookConnector.TARGET_URL, "https://localhost:" + forbidden.port() + "/latest/meta-data"),
                    Map.of());

            assertThat(send(slug, UndeclaredHostConnector.PROVIDER, "evt-1")).isEqualTo(200);

            eventually(() -> assertThat(delivery(slug)).satisfies(row -> {
                assertThat(row.get("status")).isEqualTo("DEAD");
                assertThat((String) row.get("last_error")).contains("SecurityException")
                        .contains("host localhost is not declared by this connector");
            }));
            assertThat(forbidden.connections()).as("connections to the undeclared host").isZero();
            assertThat(rows(slug, "SELECT kind FROM {schema}.incidents")).extracting(r -> r.get("kind"))
                    .containsExactly("delivery.dead");
        }
    }

    @Test
    void aPluginForAnotherConnectorApiIsRefusedAndListedWithTheReason() {
        drop(TestPluginJars.write(jars, "it-future-api", ">=2.0.0 & <3.0.0", FutureApiConnector.class),
                "it-future-api.jar");

        JsonNode listing = reload();

        JsonNode refused = plugin(listing, "it-future-api");
        assertThat(refused.path("state").asString()).isEqualTo("INCOMPATIBLE");
        assertThat(refused.path("problem").asString())
                .isEqualTo("requires connector API >=2.0.0 & <3.0.0 but the platform provides 1.1.0");
        assertThat(providers(listing)).doesNotContain(FutureApiConnector.PROVIDER).contains("stripe", "acuity", "sms");
        JsonNode listed = api("GET", "/api/v1/connectors", adminToken(), null).json();
        assertThat(plugin(listed, "it-future-api").path("state").asString()).isEqualTo("INCOMPATIBLE");
        assertThat(api("GET", "/actuator/health", null, null).json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aPluginThatFailsWhileLoadingIsListedAsFailedAndTheOthersStillLoad() {
        install(BrokenDescriptorConnector.PROVIDER, BrokenDescriptorConnector.class);
        install(HealthyConnector.PROVIDER, HealthyConnector.class);

        JsonNode listing = api("GET", "/api/v1/connectors", adminToken(), null).json();

        JsonNode broken = plugin(listing, "it-" + BrokenDescriptorConnector.PROVIDER);
        assertThat(broken.path("state").asString()).isEqualTo("FAILED");
        assertThat(broken.path("problem").asString()).contains(BrokenDescriptorConnector.MESSAGE);
        assertThat(providers(listing)).contains(HealthyConnector.PROVIDER, "stripe");
        assertHealthyPluginIsServed(tenantWith(HealthyConnector.PROVIDER));
    }

    /** Builds a test plugin jar, drops it into the plugins folder and reloads. */
    private void install(String provider, Class<? extends TestWebhookConnector> extension) {
        String pluginId = "it-" + provider;
        drop(TestPluginJars.write(jars, pluginId, TestPluginJars.COMPATIBLE, extension), pluginId + ".jar");
        reload();
    }

    private String tenantWith(String provider) {
        String slug = onboard(uniqueSlug("contain"));
        connect(slug, provider, Map.of(), Map.of());
        return slug;
    }

    private int send(String slug, String provider, String eventId) {
        return webhook(slug, provider, (slug + "@example.com").getBytes(StandardCharsets.UTF_8),
                Map.of(TestWebhookConnector.EVENT_HEADER, eventId)).status();
    }

    private Map<String, Object> delivery(String slug) {
        return rows(slug, "SELECT status, attempts, last_error FROM {schema}.deliveries").get(0);
    }

    /** A new delivery of the well-behaved plugin is processed and lands on its contact's timeline. */
    private void assertHealthyPluginIsServed(String slug) {
        String eventId = "healthy-" + System.nanoTime();
        assertThat(send(slug, HealthyConnector.PROVIDER, eventId)).isEqualTo(200);
        eventually(() -> assertThat(rows(slug, """
                SELECT d.status FROM {schema}.deliveries d
                JOIN {schema}.contact_activities a ON a.delivery_id = d.id AND a.kind = 'test.healthy'
                WHERE d.dedupe_key = ?""", eventId)).extracting(r -> r.get("status")).containsExactly("PROCESSED"));
    }
}
