package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.support.Http;
import io.switchboard.platform.support.StripeSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tenants placed on two PostgreSQL servers: onboarding balances them (or takes the named placement), and
 * ingress, workers and the API route each tenant to its own server.
 */
class PlacementsIT {

    @Test
    void eachTenantsRowsLiveOnItsOwnServer() throws Exception {
        Path work = Path.of("target", "placements-" + UUID.randomUUID()).toAbsolutePath();
        try (EmbeddedPostgres second = EmbeddedPostgres.builder().setDataDirectory(work.resolve("second"))
                .setCleanDataDirectory(false).start();
             ConfigurableApplicationContext platform = new SpringApplicationBuilder(SwitchboardApplication.class)
                     .profiles("test")
                     .run("--server.port=0", "--switchboard.data-dir=" + work.resolve("data"),
                             "--switchboard.placements.second.url=" + second.getJdbcUrl("postgres", "postgres"),
                             "--switchboard.placements.second.username=postgres",
                             "--switchboard.placements.second.password=")) {
            Http http = new Http(((WebServerApplicationContext) platform).getWebServer().getPort());
            String token = http.adminToken();
            String onMain = "main-" + UUID.randomUUID().toString().substring(0, 6);
            String balanced = "bal-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(http.api("POST", "/api/v1/tenants", token,
                    "{\"slug\":\"" + onMain + "\",\"name\":\"Main\",\"placement\":\"main\"}")).isEqualTo(201);
            assertThat(http.api("POST", "/api/v1/tenants", token, "{\"slug\":\"" + balanced + "\",\"name\":\"Balanced\"}"))
                    .as("the fewest-tenants placement is the second server").isEqualTo(201);
            assertThat(http.api("POST", "/api/v1/tenants", token,
                    "{\"slug\":\"nowhere-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"name\":\"x\",\"placement\":\"mars\"}"))
                    .isEqualTo(400);
            byte[] body = Files.readAllBytes(Path.of(System.getProperty("switchboard.fixtures-dir"),
                    "stripe/checkout_session_completed_payment_link.json"));
            for (String slug : new String[] {onMain, balanced}) {
                assertThat(http.api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", token,
                        "{\"secrets\":{\"webhookSecret\":\"whsec_place\"}}")).isEqualTo(200);
                assertThat(http.webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_place"))).isEqualTo(200);
            }

            JdbcClient mainDb = platform.getBean(Placements.class).main().jdbc();
            JdbcClient secondDb = JdbcClient.create(second.getPostgresDatabase());
            assertThat(mainDb.sql("SELECT placement FROM platform.tenants WHERE slug = ?").param(balanced).query(String.class).single())
                    .isEqualTo("second");
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(status(mainDb, onMain)).isEqualTo("PROCESSED");
                assertThat(status(secondDb, balanced)).isEqualTo("PROCESSED");
            });
            assertThat(schemaExists(secondDb, onMain)).isFalse();
            assertThat(schemaExists(mainDb, balanced)).isFalse();
            assertThat(secondDb.sql("SELECT count(*) FROM \"tenant_" + balanced.replace('-', '_') + "\".payments")
                    .query(Long.class).single()).isEqualTo(1L);
            // The API reads each tenant from its own server.
            for (String slug : new String[] {onMain, balanced}) {
                assertThat(http.get("/api/v1/tenants/" + slug + "/deliveries", token).path("items"))
                        .singleElement().satisfies(d -> assertThat(d.path("status").asString()).isEqualTo("PROCESSED"));
                assertThat(http.get("/api/v1/tenants/" + slug + "/contacts", token).path("items"))
                        .singleElement().satisfies(c -> assertThat(c.path("email").asString()).isEqualTo("elodie.martin@example.fr"));
            }
        }
    }

    private static String status(JdbcClient db, String slug) {
        return db.sql("SELECT status FROM \"tenant_" + slug.replace('-', '_') + "\".deliveries").query(String.class).single();
    }

    private static boolean schemaExists(JdbcClient db, String slug) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = ?)")
                .param("tenant_" + slug.replace('-', '_')).query(Boolean.class).single();
    }
}
