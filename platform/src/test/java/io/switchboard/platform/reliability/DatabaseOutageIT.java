package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.support.Http;
import io.switchboard.platform.support.ScenarioResults;
import io.switchboard.platform.support.StripeEvents;
import io.switchboard.platform.support.StripeSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL goes away under load: ingress answers 503 quickly (bounded by the pool's connection time-out, no
 * pile-up), the platform recovers by itself when the database returns, and nothing acknowledged is lost.
 * Figures go to target/reliability/database-outage.json.
 */
class DatabaseOutageIT {

    @Test
    void ingressAnswers503QuicklyDuringAnOutageAndRecoversWithoutLosses() throws Exception {
        Path work = Path.of("target", "outage-" + UUID.randomUUID()).toAbsolutePath();
        int pgPort = freePort();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(false);
        EmbeddedPostgres postgres = builder.start();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        List<String> acknowledged = new ArrayList<>();
        String slug = "outage-" + UUID.randomUUID().toString().substring(0, 6);
        byte[] fixture = Files.readAllBytes(Path.of(System.getProperty("switchboard.fixtures-dir"),
                "stripe/checkout_session_completed_payment_link.json"));
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                        "--switchboard.data-dir=" + work.resolve("data"))) {
            Http http = new Http(((WebServerApplicationContext) platform).getWebServer().getPort());
            String token = http.adminToken();
            assertThat(http.api("POST", "/api/v1/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"Outage\"}")).isEqualTo(201);
            assertThat(http.api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", token,
                    "{\"secrets\":{\"webhookSecret\":\"whsec_outage\"}}")).isEqualTo(200);
            int counter = 0;
            for (; counter < 20; counter++) {
                assertThat(post(http, slug, fixture, "before" + counter, acknowledged)).isEqualTo(200);
            }

            postgres.close();
            long slowest = 0;
            int unavailable = 0;
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                int status = post(http, slug, fixture, "during" + i, acknowledged);
                slowest = Math.max(slowest, Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertThat(status).isEqualTo(503);
                unavailable++;
            }
            assertThat(slowest).as("503 answered within the pool's connection time-out").isLessThan(5_000);

            postgres = builder.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> post(http, slug, fixture, "probe" + System.nanoTime(), acknowledged) == 200);
            for (int i = 0; i < 20; i++) {
                assertThat(post(http, slug, fixture, "after" + i, acknowledged)).isEqualTo(200);
            }
            JdbcClient db = JdbcClient.create(postgres.getPostgresDatabase());
            String schema = "\"tenant_" + slug.replace('-', '_') + "\"";
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    db.sql("SELECT count(*) FROM " + schema + ".deliveries WHERE status = 'PROCESSED'").query(Long.class).single()
                            == acknowledged.size());
            List<String> stored = db.sql("SELECT dedupe_key FROM " + schema + ".deliveries").query(String.class).list();
            long lost = acknowledged.stream().filter(id -> !stored.contains(id)).count();
            ScenarioResults.write("database-outage", "database stopped under load, then restarted",
                    "acknowledged200", acknowledged.size(), "answered503", unavailable, "slowest503Millis", slowest,
                    "rowsStored", stored.size(), "losses", lost);
            assertThat(lost).isZero();
        } finally {
            postgres.close();
        }
    }

    private static int post(Http http, String slug, byte[] fixture, String id, List<String> acknowledged) {
        byte[] body = StripeEvents.checkout(fixture, id);
        int status = http.webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_outage"));
        if (status == 200) {
            acknowledged.add("evt_" + id);
        }
        return status;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
