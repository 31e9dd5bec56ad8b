package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kills the platform process with SIGKILL under load and starts it again: every webhook that was answered 200
 * is stored and processed exactly once. The figures are written to target/reliability/crash-safety.json ({@link ScenarioResults}).
 */
class CrashSafetyIT {

    @Test
    void everyAcknowledgedWebhookSurvivesAKill9AndIsAppliedOnce() throws Exception {
        Path work = Path.of("target", "crash-" + UUID.randomUUID()).toAbsolutePath();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(false).start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            int port = freePort();
            Process first = launch(port, jdbcUrl, work);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            String slug = "crash-" + UUID.randomUUID().toString().substring(0, 6);
            try {
                Http http = new Http(port);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(http::healthy);
                String token = http.adminToken();
                assertThat(http.api("POST", "/api/v1/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"Crash\"}")).isEqualTo(201);
                assertThat(http.api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", token,
                        "{\"secrets\":{\"webhookSecret\":\"whsec_crash\"}}")).isEqualTo(200);
                byte[] fixture = Files.readAllBytes(Path.of(System.getProperty("switchboard.fixtures-dir"),
                        "stripe/checkout_session_completed_payment_link.json"));

                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = Executors.newFixedThreadPool(8);
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    load.submit(() -> {
                        for (int i = 0; running.get() && i < 5_000; i++) {
                            String id = "crash" + thread + "x" + i;
                            byte[] body = StripeEvents.checkout(fixture, id);
                            sent.incrementAndGet();
                            int status = http.webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_crash"));
                            if (status == 200) {
                                acknowledged.add("evt_" + id);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    });
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 300);
                first.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful stop
                first.waitFor(10, TimeUnit.SECONDS);
                running.set(false);
                load.shutdown();
                load.awaitTermination(30, TimeUnit.SECONDS);
            } finally {
                first.destroyForcibly();
            }

            Process second = launch(port, jdbcUrl, work);
            try {
                JdbcClient db = JdbcClient.create(postgres.getPostgresDatabase());
                String schema = "\"tenant_" + slug.replace('-', '_') + "\"";
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                        db.sql("SELECT count(*) FROM " + schema + ".deliveries WHERE status <> 'PROCESSED'")
                                .query(Long.class).single() == 0 && new Http(port).healthy());
                List<String> stored = db.sql("SELECT dedupe_key FROM " + schema + ".deliveries").query(String.class).list();
                long payments = db.sql("SELECT count(*) FROM " + schema + ".payments").query(Long.class).single();
                long lost = acknowledged.stream().filter(id -> !stored.contains(id)).count();
                ScenarioResults.write("crash-safety", "SIGKILL under load, then restart",
                        "requestsSent", sent.get(), "acknowledged200", acknowledged.size(), "failedOrCutOff", failed.get(),
                        "rowsStored", stored.size(), "effects", payments, "duplicates", payments - stored.size(), "losses", lost);

                assertThat(lost).as("acknowledged webhooks missing after the crash").isZero();
                assertThat(payments).as("one payment per stored delivery, none applied twice").isEqualTo(stored.size());
                assertThat(stored).hasSizeGreaterThanOrEqualTo(acknowledged.size());
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
                second.destroyForcibly();
            }
        }
    }

    private static Process launch(int port, String jdbcUrl, Path work) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, "io.switchboard.platform.SwitchboardApplication",
                "--spring.profiles.active=test", "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--switchboard.data-dir=" + work.resolve("data"),
                "--switchboard.plugins-dir=" + System.getProperty("switchboard.plugins-dir"),
                "--switchboard.processing.lease=3s"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("platform-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
