package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.switchboard.platform.support.PlatformIT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The published {@code openapi/openapi.yaml} is exactly what the platform serves at {@code /v3/api-docs.yaml}, and
 * it is a valid OpenAPI document. After changing a controller, regenerate the file with
 * {@value #REGENERATE} and commit it.
 */
class OpenApiDriftIT extends PlatformIT {

    static final String REGENERATE = "mvn -B -pl platform test -Dtest=OpenApiDriftIT -Dopenapi.write=true";
    /** The server URL the committed file shows: a local run's. The served one is the installation's public URL. */
    static final String PUBLISHED_SERVER = "http://localhost:8080";
    private static final Pattern SERVER_URL = Pattern.compile("(?m)^(servers:\\n(?:[ -].*\\n)*?\\s*-?\\s*url: ).*$");

    @Test
    void theCommittedSpecIsWhatThePlatformServes() throws IOException {
        String served = normalise(served());
        Path committed = publishedFile();

        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(committed)) {
            fail(committed + " is missing; write it with: " + REGENERATE);
        }
        String published = normalise(Files.readString(committed, StandardCharsets.UTF_8));
        if (!published.equals(served)) {
            fail("openapi/openapi.yaml differs from what the platform serves (" + firstDifference(published, served)
                    + "). Regenerate it with: " + REGENERATE);
        }
    }

    @Test
    void theSpecIsValidOpenApiWithTheOAuth2SchemeAndEveryResource() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served(), null, options);

        assertThat(result.getMessages()).as("validator messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getInfo().getTitle()).isEqualTo("Switchboard API");
        assertThat(api.getInfo().getVersion()).isEqualTo("1.0.0");
        OAuthFlow flow = api.getComponents().getSecuritySchemes().get("oauth2").getFlows().getClientCredentials();
        assertThat(flow.getTokenUrl()).isEqualTo("/oauth2/token");
        assertThat(flow.getScopes()).containsOnlyKeys("platform:admin", "api:read", "api:write");
        assertThat(api.getPaths()).containsKeys("/api/v1/tenants/{tenant}/events", "/api/v1/tenants/{tenant}/events/{id}",
                "/api/v1/tenants/{tenant}/events/{id}/attendees", "/api/v1/tenants/{tenant}/contacts",
                "/api/v1/tenants/{tenant}/contacts/{id}", "/api/v1/tenants/{tenant}/contacts/{id}/export",
                "/api/v1/tenants/{tenant}/subscriptions", "/api/v1/tenants/{tenant}/messages",
                "/api/v1/tenants/{tenant}/incidents", "/api/v1/tenants/{tenant}/incidents/{id}/resolve",
                "/api/v1/tenants/{tenant}/audit-log", "/api/v1/tenants/{tenant}/deliveries");
        assertThat(api.getPaths().get("/api/v1/tenants/{tenant}/events/{id}").getPatch()).isNotNull();
        assertThat(api.getPaths().get("/api/v1/tenants/{tenant}/contacts/{id}").getDelete()).isNotNull();
        assertThat(api.getComponents().getSchemas().get("EventView").getProperties())
                .containsKeys("id", "name", "startsAt", "stripePaymentLinkId", "acuityAppointmentTypeId",
                        "notificationTemplates", "createdAt", "updatedAt");
    }

    private String served() {
        Response response = send(HttpRequest.newBuilder(URI.create(url("/v3/api-docs.yaml"))).GET());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static Path publishedFile() {
        return Path.of(System.getProperty("switchboard.fixtures-dir")).toAbsolutePath().getParent()
                .resolve("openapi").resolve("openapi.yaml");
    }

    /** The servers URL set to the published one, line endings unified, one final newline. */
    static String normalise(String yaml) {
        String text = yaml.replace("\r\n", "\n").stripTrailing() + "\n";
        Matcher server = SERVER_URL.matcher(text);
        return server.find() ? server.replaceFirst(Matcher.quoteReplacement(server.group(1) + PUBLISHED_SERVER)) : text;
    }

    private static String firstDifference(String published, String served) {
        List<String> a = published.lines().toList();
        List<String> b = served.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return "first difference at line " + (i + 1) + ": committed \"" + left.strip() + "\", served \"" + right.strip() + "\"";
            }
        }
        return "no line differs";
    }
}
