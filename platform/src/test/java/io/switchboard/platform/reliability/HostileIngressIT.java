package io.switchboard.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.support.Http;
import io.switchboard.platform.support.StripeSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Property-based tests of the webhook ingress under hostile input: random bodies, headers, signatures,
 * content types, slugs and paths never produce a 5xx, never store a row without a valid signature, and never
 * touch a schema outside the tenant's.
 */
class HostileIngressIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String SECRET = "whsec_hostile";
    private static ConfigurableApplicationContext platform;
    private static String slug;
    private static int port;
    private static byte[] fixture;

    @BeforeContainer
    static void start() throws Exception {
        platform = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run("--server.port=0", "--switchboard.data-dir=" + Path.of("target", "hostile-" + UUID.randomUUID()).toAbsolutePath());
        port = ((WebServerApplicationContext) platform).getWebServer().getPort();
        Http http = new Http(port);
        String token = http.adminToken();
        slug = "hostile-" + UUID.randomUUID().toString().substring(0, 6);
        http.api("POST", "/api/v1/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"Hostile\"}");
        http.api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", token, "{\"secrets\":{\"webhookSecret\":\"" + SECRET + "\"}}");
        fixture = Files.readAllBytes(Path.of(System.getProperty("switchboard.fixtures-dir"), "stripe/payment_intent_succeeded.json"));
    }

    @AfterContainer
    static void stop() {
        platform.close();
    }

    @Property(tries = 150)
    void randomBodiesAndSignaturesAreRejectedWithoutStoring(@ForAll("bodies") byte[] body, @ForAll("signatures") String signature,
            @ForAll("contentTypes") String contentType) throws Exception {
        int status = post("/webhooks/" + slug + "/stripe", body, Map.of("Stripe-Signature", signature, "Content-Type", contentType));

        assertThat(status).isBetween(400, 499);
        assertThat(stored()).isZero();
    }

    @Property(tries = 100)
    void hostilePathsNeverFailTheServer(@ForAll("paths") String path) throws Exception {
        int status = post(path, fixture, StripeSigner.headers(fixture, SECRET));

        assertThat(status).isBetween(400, 499);
        assertThat(schemasOutsideTenants()).isZero();
    }

    @Property(tries = 40)
    void stripeTimestampsOutsideToleranceAndReplayedSignaturesAreRejected(@ForAll("staleOffsets") long offsetSeconds) throws Exception {
        long timestamp = Instant.now().getEpochSecond() + offsetSeconds;
        int stale = post("/webhooks/" + slug + "/stripe", fixture, StripeSigner.headers(fixture, SECRET, timestamp));
        Map<String, String> fresh = StripeSigner.headers(fixture, SECRET);
        byte[] other = "{\"id\":\"evt_other\",\"type\":\"charge.refunded\",\"created\":1}".getBytes(StandardCharsets.UTF_8);
        int replayed = post("/webhooks/" + slug + "/stripe", other, fresh);
        String v0Only = fresh.get("Stripe-Signature").replace("v1=", "v0=");
        int legacy = post("/webhooks/" + slug + "/stripe", fixture, Map.of("Stripe-Signature", v0Only, "Content-Type", "application/json"));

        assertThat(stale).isEqualTo(400);
        assertThat(replayed).isEqualTo(400);
        assertThat(legacy).isEqualTo(400);
        assertThat(stored()).isZero();
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(4096),
                Arbitraries.strings().ofMaxLength(2000).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(fixture),
                Arbitraries.integers().between(1, 200).map(n -> ("[".repeat(n * 50) + "]".repeat(n * 50)).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}));
    }

    @Provide
    Arbitrary<String> signatures() {
        Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<Long> times = Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L);
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(300).map(s -> s.replaceAll("[\\r\\n\\x00-\\x1f\\x7f]", "")),
                Combinators.combine(times, hex).as((t, h) -> "t=" + t + ",v1=" + h),
                hex.map(h -> "v1=" + h),
                Arbitraries.just("t=,v1="),
                Arbitraries.just("t=" + "9".repeat(40) + ",v1=00"));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml",
                "multipart/form-data; boundary=x", "application/json; charset=utf-16");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> hostileSegment = Arbitraries.oneOf(
                Arbitraries.of("..", "%2e%2e", "..%2F..%2Fetc", "tenant_x", "a';DROP SCHEMA platform CASCADE;--", "public",
                        "platform", "pg_catalog", "ÄÖÜ", "%00", "a%2Fb", "UPPER", "x".repeat(300), "-lead", "ok-"),
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(60));
        return Combinators.combine(hostileSegment, Arbitraries.of("stripe", "acuity", "nope", "..", "%2e"))
                .as((tenant, provider) -> "/webhooks/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8).replace("%25", "%")
                        + "/" + provider);
    }

    @Provide
    Arbitrary<Long> staleOffsets() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-100_000, -301), Arbitraries.longs().between(301, 100_000));
    }

    private static int post(String path, byte[] body, Map<String, String> headers) throws Exception {
        URI uri;
        try {
            uri = URI.create("http://localhost:" + port + path);
        } catch (IllegalArgumentException e) {
            return 400; // not a URL any client could send
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            try {
                request.header(name, value);
            } catch (IllegalArgumentException e) {
                // a header value the HTTP client refuses to send cannot reach the server either
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long stored() {
        return db().sql("SELECT count(*) FROM \"tenant_" + slug.replace('-', '_') + "\".deliveries").query(Long.class).single();
    }

    private static long schemasOutsideTenants() {
        return db().sql("""
                SELECT count(*) FROM information_schema.schemata
                WHERE schema_name NOT IN ('platform', 'queue', 'public', 'information_schema')
                  AND schema_name NOT LIKE 'pg\\_%' AND schema_name NOT LIKE 'tenant\\_%'""").query(Long.class).single();
    }

    private static JdbcClient db() {
        return platform.getBean(Placements.class).main().jdbc();
    }
}
