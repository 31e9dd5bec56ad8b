package io.switchboard.platform.connectorhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The example HMAC connector, built from its own pom like a third party's plugin, is installed into the
 * running platform by dropping its jar and calling the reload endpoint, then configured by a tenant and fed
 * a signed webhook end to end. The jar comes from {@code connectors/examples/hmac/target}: the reactor
 * builds that module before the platform ({@code cd connectors/examples/hmac && mvn verify} builds it alone).
 */
class ExampleConnectorInstallIT extends PluginInstallingIT {

    private static final String SECRET = "example-signing-secret";
    private static final String BODY = """
            {"id":"evt_9001","type":"order.paid","customer":{"email":"grace@example.com"},"total":1200}""";

    @Test
    void anInstalledExampleConnectorReceivesASignedWebhookEndToEnd() {
        assertThat(providers(api("GET", "/api/v1/connectors", adminToken(), null).json())).doesNotContain("hmac");
        assertThat(api("POST", RELOAD, null, null).status()).as("reloading needs an admin token").isEqualTo(401);

        drop(exampleJar(), "it-example-hmac.jar");
        JsonNode listing = reload();

        assertThat(providers(listing)).contains("hmac", "stripe", "acuity");
        assertThat(plugin(listing, "hmac").path("state").asString()).isEqualTo("STARTED");
        String slug = onboard(uniqueSlug("hmac"));
        connect(slug, "hmac", Map.of("signatureHeader", "X-Shop-Signature", "signaturePrefix", "sha256=",
                        "dedupeKeyPath", "$.id", "eventTypePath", "$.type", "contactEmailPath", "$.customer.email"),
                Map.of("signingSecret", SECRET));
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(webhook(slug, "hmac", body, Map.of("X-Shop-Signature", "sha256=" + hmacSha256Hex("wrong", body)))
                .status()).isEqualTo(400);
        assertThat(webhook(slug, "hmac", body, Map.of("X-Shop-Signature", "sha256=" + hmacSha256Hex(SECRET, body),
                "Content-Type", "application/json")).status()).isEqualTo(200);
        assertThat(webhook(slug, "hmac", body, Map.of("X-Shop-Signature", "sha256=" + hmacSha256Hex(SECRET, body)))
                .status()).as("a redelivery is acknowledged").isEqualTo(200);

        eventually(() -> assertThat(rows(slug, "SELECT status, dedupe_key, event_type FROM {schema}.deliveries"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("PROCESSED");
                    assertThat(row.get("dedupe_key")).isEqualTo("evt_9001");
                    assertThat(row.get("event_type")).isEqualTo("order.paid");
                }));
        List<Map<String, Object>> activities = rows(slug, """
                SELECT c.email, c.status, a.kind, a.data->>'id' AS event_id, a.data->>'total' AS total
                FROM {schema}.contact_activities a JOIN {schema}.contacts c ON c.id = a.contact_id""");
        assertThat(activities).singleElement().satisfies(row -> {
            assertThat(row.get("email")).isEqualTo("grace@example.com");
            assertThat(row.get("status")).isEqualTo("LEAD");
            assertThat(row.get("kind")).isEqualTo("hmac.order.paid");
            assertThat(row.get("event_id")).isEqualTo("evt_9001");
            assertThat(row.get("total")).isEqualTo("1200");
        });
    }

    /** The shaded plugin jar the example's own build produced. */
    private static Path exampleJar() {
        Path target = Path.of(System.getProperty("switchboard.fixtures-dir")).getParent()
                .resolve("connectors/examples/hmac/target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches("connector-hmac-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("No example plugin jar in " + target
                            + ": build it first with: cd connectors/examples/hmac && mvn -B verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
