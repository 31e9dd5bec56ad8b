package io.switchboard.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.switchboard.platform.database.Placements;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: one running platform (one Spring context, one embedded PostgreSQL) shared by
 * every test class, with the bundled connector plugins loaded from the build's plugins folder, and one local
 * WireMock standing in for every provider API (Acuity, Graph, Twilio, Resend). Tests use unique tenant slugs,
 * so they never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class PlatformIT {

    protected static final WireMockServer PROVIDERS = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    protected static final String ADMIN_ID = "test-admin";
    protected static final String ADMIN_SECRET = "test-admin-secret-0123456789";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA_DIR = Path.of("target", "it-data-" + UUID.randomUUID());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String adminToken;

    static {
        PROVIDERS.start();
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Placements placements;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        String testDb = System.getenv("SWITCHBOARD_TEST_DATABASE_URL");
        if (testDb != null && !testDb.isBlank()) {
            registry.add("spring.datasource.url", () -> testDb);
            registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("SWITCHBOARD_TEST_DATABASE_USER", "postgres"));
            registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("SWITCHBOARD_TEST_DATABASE_PASSWORD", ""));
        }
        for (String provider : List.of("acuity", "facebook", "sms", "email", "stripe")) {
            registry.add("switchboard.connectors." + provider + ".api-base-url", PROVIDERS::baseUrl);
            registry.add("switchboard.connectors." + provider + ".allow-private-network", () -> "true");
        }
    }

    @BeforeEach
    void resetProviders() {
        PROVIDERS.resetAll();
    }

    /** A JDBC client on the main database, for assertions on stored rows. */
    protected JdbcClient db() {
        return placements.main().jdbc();
    }

    /** A slug no other test uses. */
    protected static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A token for the bootstrap admin client. */
    protected String adminToken() {
        if (adminToken == null) {
            adminToken = token(ADMIN_ID, ADMIN_SECRET, "platform:admin");
        }
        return adminToken;
    }

    /** A client-credentials token. */
    protected String token(String clientId, String secret, String scope) {
        Response response = send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope.replace(" ", "%20"))));
        assertThat(response.status()).as("token response %s", response.body()).isEqualTo(200);
        return response.json().path("access_token").asString();
    }

    /** Onboards a tenant through the API. */
    protected String onboard(String slug) {
        Response response = api("POST", "/api/v1/tenants", adminToken(), Map.of("slug", slug, "name", "Tenant " + slug));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return slug;
    }

    /** Configures a connection through the API. */
    protected Response connect(String slug, String provider, Map<String, Object> settings, Map<String, String> secrets) {
        Response response = api("PUT", "/api/v1/tenants/" + slug + "/connections/" + provider, adminToken(),
                Map.of("enabled", true, "settings", settings, "secrets", secrets));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** An API call with a JSON body (or none). */
    protected Response api(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        }
        return send(request);
    }

    /** A webhook POST. */
    protected Response webhook(String slug, String provider, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/webhooks/" + slug + "/" + provider)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    protected Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fixture file's exact bytes. */
    protected static byte[] fixture(String path) {
        try {
            return Files.readAllBytes(Path.of(System.getProperty("switchboard.fixtures-dir")).resolve(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Rows of a tenant table, for assertions. */
    protected List<Map<String, Object>> rows(String slug, String sql, Object... params) {
        String schema = "tenant_" + slug.replace('-', '_');
        return db().sql(sql.replace("{schema}", "\"" + schema + "\"")).params(params).query().listOfRows();
    }

    /**
     * The dedupe keys of a tenant's stored webhook events, wherever they are: in the intake, where a 200 leaves them,
     * or in the tenant's inbox once a worker has moved them (ADR 18). One statement, so one snapshot: a move
     * committing meanwhile cannot show an event twice or not at all. A provider's retry of an event already moved
     * shows twice until its own move drops it.
     */
    protected List<String> stored(String slug) {
        String schema = "tenant_" + slug.replace('-', '_');
        return db().sql("SELECT i.dedupe_key FROM queue.intake i JOIN platform.tenants t ON t.id = i.tenant_id "
                + "WHERE t.slug = ? UNION ALL SELECT dedupe_key FROM \"" + schema + "\".deliveries")
                .param(slug).query(String.class).list();
    }

    /** Waits until none of the tenant's events is left in the intake, then returns the dedupe keys in its inbox. */
    protected List<String> inboxOnceMoved(String slug) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> db()
                .sql("SELECT count(*) FROM queue.intake i JOIN platform.tenants t ON t.id = i.tenant_id WHERE t.slug = ?")
                .param(slug).query(Long.class).single() == 0);
        return rows(slug, "SELECT dedupe_key FROM {schema}.deliveries").stream()
                .map(row -> (String) row.get("dedupe_key")).toList();
    }

    /** Waits until the condition holds (processing is asynchronous). */
    protected static void eventually(Runnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(assertion::run);
    }

    /**
     * An HTTP response.
     *
     * @param status the status code
     * @param body the body text
     * @param headers the headers
     */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
