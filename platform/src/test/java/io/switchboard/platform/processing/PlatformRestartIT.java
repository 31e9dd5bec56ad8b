package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.support.StripeSigner;
import io.switchboard.platform.tenancy.TenantSchemaMigrator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook acknowledged by one platform process is processed by the next one: the platform stops between
 * receipt and processing (here with processing switched off, the same state as a crash right after the
 * 200), starts again on the same data folder, and the delivery is processed. The start also brings a tenant
 * schema left behind by an older release up to date, and is ready well within 20 s.
 */
class PlatformRestartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aDeliveryAcknowledgedBeforeARestartIsProcessedAfterIt() throws Exception {
        Path dataDir = Path.of("target", "restart-" + UUID.randomUUID()).toAbsolutePath();
        byte[] body = Files.readAllBytes(Path.of(System.getProperty("switchboard.fixtures-dir"),
                "stripe/checkout_session_completed_payment_link.json"));
        String slug = "restart-" + UUID.randomUUID().toString().substring(0, 6);

        try (ConfigurableApplicationContext first = start(dataDir, false)) {
            int port = port(first);
            String token = token(port);
            assertThat(call(port, "POST", "/api/v1/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"Restart\"}").statusCode())
                    .isEqualTo(201);
            assertThat(call(port, "PUT", "/api/v1/tenants/" + slug + "/connections/stripe", token,
                    "{\"secrets\":{\"webhookSecret\":\"whsec_restart\"}}").statusCode()).isEqualTo(200);
            HttpRequest.Builder webhook = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/" + slug + "/stripe"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            StripeSigner.headers(body, "whsec_restart").forEach(webhook::header);
            assertThat(HTTP.send(webhook.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            JdbcClient db = first.getBean(Placements.class).main().jdbc();
            assertThat(db.sql("SELECT count(*) FROM queue.intake i JOIN platform.tenants t ON t.id = i.tenant_id "
                    + "WHERE t.slug = ? AND EXISTS (SELECT 1 FROM queue.work_items q WHERE q.kind = 'INTAKE' AND q.item_id = i.id)")
                    .param(slug).query(Long.class).single()).as("durable in the intake and queued").isEqualTo(1);
            // The tenant's schema as an older release left it: its latest migration not applied yet.
            db.sql("DROP FUNCTION " + schema(slug) + ".take_intake").update();
            db.sql("DELETE FROM " + schema(slug) + ".flyway_schema_history WHERE version = '5'").update();
            db.sql("UPDATE platform.tenants SET schema_version = '4' WHERE slug = ?").param(slug).update();
        }

        long startedAt = System.nanoTime();
        try (ConfigurableApplicationContext second = start(dataDir, true)) {
            // Ready well within 20 s of a start on existing data (the bound is loose: build machines are shared).
            assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(20));
            JdbcClient db = second.getBean(Placements.class).main().jdbc();
            assertThat(db.sql("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE n.nspname = ? AND p.proname = 'take_intake'")
                    .param(schema(slug).replace("\"", "")).query(Long.class).single()).as("migrated at start-up").isEqualTo(1);
            assertThat(db.sql("SELECT schema_version FROM platform.tenants WHERE slug = ?").param(slug).query(String.class).single())
                    .isEqualTo(second.getBean(TenantSchemaMigrator.class).latestVersion());
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(second, slug)).isEqualTo("PROCESSED"));
            assertThat(second.getBean(Placements.class).main().jdbc()
                    .sql("SELECT email FROM \"tenant_" + slug.replace('-', '_') + "\".contacts").query(String.class).list())
                    .containsExactly("elodie.martin@example.fr");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, boolean processing) {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run("--server.port=0", "--switchboard.data-dir=" + dataDir, "--switchboard.processing.enabled=" + processing);
    }

    private static String status(ConfigurableApplicationContext context, String slug) {
        return context.getBean(Placements.class).main().jdbc()
                .sql("SELECT status FROM \"tenant_" + slug.replace('-', '_') + "\".deliveries").query(String.class).single();
    }

    private static String schema(String slug) {
        return "\"tenant_" + slug.replace('-', '_') + "\"";
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String token(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("test-admin:test-admin-secret-0123456789".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=platform:admin")).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asString();
    }

    private static HttpResponse<String> call(int port, String method, String path, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
