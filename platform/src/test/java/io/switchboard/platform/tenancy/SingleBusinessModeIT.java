package io.switchboard.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.support.StripeSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * A business moving over from its single-tenant setup: the platform is started with the seed's environment
 * ({@code SWITCHBOARD_DEFAULT_TENANT}, {@code STRIPE_WEBHOOK_SECRET}) and Stripe keeps posting to the seed's
 * {@code /api/webhooks/stripe}. Its own platform process and data folder, since the shared test platform has
 * no default tenant.
 */
class SingleBusinessModeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theDefaultTenantIsSetUpAtStartAndReceivesTheSeedEndpointsWebhooks() throws Exception {
        Path dataDir = Path.of("target", "single-business-" + UUID.randomUUID()).toAbsolutePath();
        String slug = "atelier-" + UUID.randomUUID().toString().substring(0, 6);
        byte[] checkout = fixture("stripe/checkout_session_completed_payment_link.json");
        byte[] refund = fixture("stripe/charge_refunded_partial.json");

        try (ConfigurableApplicationContext first = start(dataDir,
                "SWITCHBOARD_DEFAULT_TENANT=" + slug, "STRIPE_WEBHOOK_SECRET=whsec_seed_1")) {
            int port = port(first);
            assertThat(post(port, "/api/webhooks/stripe", checkout, "whsec_seed_1")).isEqualTo(200);
            assertThat(post(port, "/api/webhooks/stripe", refund, "whsec_wrong")).isEqualTo(400);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    tenantRows(first, slug, "SELECT status FROM %s.deliveries")).containsExactly("PROCESSED"));
            assertThat(tenantRows(first, slug, "SELECT email FROM %s.contacts")).containsExactly("elodie.martin@example.fr");
            assertThat(platformRows(first, slug)).containsExactly(slug);
        }

        // The business rolls its Stripe secret and restarts with the new one, now under the property names.
        try (ConfigurableApplicationContext second = start(dataDir,
                "switchboard.default-tenant.slug=" + slug, "switchboard.default-tenant.name=Atelier Lumière",
                "switchboard.default-tenant.stripe-webhook-secret=whsec_seed_2")) {
            int port = port(second);
            assertThat(post(port, "/api/webhooks/stripe", refund, "whsec_seed_1")).as("old secret").isEqualTo(400);
            assertThat(post(port, "/api/webhooks/stripe", refund, "whsec_seed_2")).as("new secret").isEqualTo(200);
            assertThat(post(port, "/webhooks/" + slug + "/stripe", checkout, "whsec_seed_2")).as("tenant path, duplicate")
                    .isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    tenantRows(second, slug, "SELECT status FROM %s.deliveries")).containsExactly("PROCESSED", "PROCESSED"));
            assertThat(tenantRows(second, slug, "SELECT status FROM %s.payments")).containsExactly("PARTIALLY_REFUNDED");
            assertThat(platformRows(second, slug)).as("onboarded once").containsExactly(slug);
        }
    }

    /**
     * Starts a platform with the given {@code name=value} settings. They are passed as command-line arguments:
     * default properties would lose to application.yml, which sets the port and the data folder itself.
     */
    private static ConfigurableApplicationContext start(Path dataDir, String... environment) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--switchboard.data-dir=" + dataDir));
        for (String setting : environment) {
            arguments.add("--" + setting);
        }
        return new SpringApplicationBuilder(SwitchboardApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    private static int post(int port, String path, byte[] body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        StripeSigner.headers(body, secret).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<String> tenantRows(ConfigurableApplicationContext context, String slug, String sql) {
        String schema = "\"tenant_" + slug.replace('-', '_') + "\"";
        return context.getBean(Placements.class).main().jdbc().sql(sql.formatted(schema) + " ORDER BY 1")
                .query(String.class).list();
    }

    private static List<String> platformRows(ConfigurableApplicationContext context, String slug) {
        return context.getBean(Placements.class).main().jdbc().sql("SELECT slug FROM platform.tenants WHERE slug = ?")
                .param(slug).query(String.class).list();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static byte[] fixture(String path) {
        try {
            return Files.readAllBytes(Path.of(System.getProperty("switchboard.fixtures-dir"), path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
