package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.support.Http;
import io.switchboard.platform.support.ScenarioResults;
import io.switchboard.platform.support.StripeEvents;
import io.switchboard.platform.support.StripeSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL goes away for 30 s under load from concurrent senders: ingress answers 503 quickly (most at once,
 * none later than the pool's connection time-out, so no pile-up of request threads), health reports the database
 * down, the platform recovers by itself when the database returns, and nothing acknowledged is lost.
 * Figures go to target/reliability/database-outage.json.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int SENDERS = 8;
    private static final HttpClient HEALTH = HttpClient.newHttpClient();

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
            int port = ((WebServerApplicationContext) platform).getWebServer().getPort();
            Http http = new Http(port);
            String token = http.adminToken();
            assertThat(http.api("POST", "/api/v1/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"Outage\"}")).isEqualTo(201);
            assertThat(http.api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", token,
                    "{\"secrets\":{\"webhookSecret\":\"whsec_outage\"}}")).isEqualTo(200);
            int counter = 0;
            for (; counter < 20; counter++) {
                assertThat(post(http, slug, fixture, "before" + counter, acknowledged)).isEqualTo(200);
            }

            postgres.close();
            // 30 s without a database, under load from 8 concurrent senders, with readiness polled meanwhile.
            List<String> during = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger unavailableCount = new AtomicInteger();
            AtomicInteger otherAnswers = new AtomicInteger();
            AtomicLong slowestNanos = new AtomicLong();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean healthWentDown = new AtomicBoolean();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            ExecutorService load = Executors.newFixedThreadPool(SENDERS);
            for (int t = 0; t < SENDERS; t++) {
                int sender = t;
                load.submit(() -> {
                    for (int i = 0; System.nanoTime() < outageEnds; i++) {
                        long started = System.nanoTime();
                        int status = post(http, slug, fixture, "during" + sender + "x" + i, during);
                        long took = System.nanoTime() - started;
                        slowestNanos.accumulateAndGet(took, Math::max);
                        latencies.add(took);
                        if (status == 503) {
                            unavailableCount.incrementAndGet();
                        } else {
                            otherAnswers.incrementAndGet();
                        }
                    }
                });
            }
            while (System.nanoTime() < outageEnds) {
                healthWentDown.compareAndSet(false, healthStatus(port) == 503);
                Thread.sleep(1000);
            }
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            long medianMillis = Duration.ofNanos(latencies.stream().sorted().toList().get(latencies.size() / 2)).toMillis();
            long slowest = Duration.ofNanos(slowestNanos.get()).toMillis();
            int unavailable = unavailableCount.get();
            assertThat(otherAnswers.get()).as("nothing is acknowledged while the database is away").isZero();
            assertThat(during).isEmpty();
            assertThat(unavailable).as("the senders kept getting answers").isGreaterThan(SENDERS * 5);
            assertThat(slowest).as("503 answered within the pool's connection time-out").isLessThan(5_000);
            assertThat(healthWentDown).as("health reports the database down").isTrue();
            // Not each waiting out the pool's connection time-out: the threads a steady stream of webhooks holds
            // stay few (StorageCircuit).
            assertThat(medianMillis).as("median 503 answer time").isLessThan(200);

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
                    "outageSeconds", OUTAGE.toSeconds(), "concurrentSenders", SENDERS, "acknowledged200", acknowledged.size(),
                    "answered503", unavailable, "median503Millis", medianMillis, "slowest503Millis", slowest, "healthDown", healthWentDown.get(),
                    "rowsStored", stored.size(), "losses", lost);
            assertThat(lost).isZero();
        } finally {
            postgres.close();
        }
    }

    /** The status of /actuator/health, waited for as long as it takes to answer. */
    private static int healthStatus(int port) throws Exception {
        return HEALTH.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
