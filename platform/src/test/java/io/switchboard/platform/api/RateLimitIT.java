package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.SwitchboardApplication;
import io.switchboard.platform.support.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Each tenant's API has its own rate limit: over it, 429 with Retry-After; other tenants are unaffected. */
class RateLimitIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aTenantOverItsLimitGets429WithRetryAfterAndOthersDoNot() throws Exception {
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run("--server.port=0", "--switchboard.data-dir=" + Path.of("target", "ratelimit-" + UUID.randomUUID()).toAbsolutePath(),
                        "--switchboard.api.rate-limit.per-second=1", "--switchboard.api.rate-limit.burst=3",
                        "--switchboard.processing.enabled=false")) {
            int port = ((WebServerApplicationContext) platform).getWebServer().getPort();
            Http http = new Http(port);
            String token = http.adminToken();
            String busy = "busy-" + UUID.randomUUID().toString().substring(0, 6);
            String calm = "calm-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(http.api("POST", "/api/v1/tenants", token, "{\"slug\":\"" + busy + "\",\"name\":\"Busy\"}")).isEqualTo(201);
            assertThat(http.api("POST", "/api/v1/tenants", token, "{\"slug\":\"" + calm + "\",\"name\":\"Calm\"}")).isEqualTo(201);

            for (int i = 0; i < 3; i++) {
                assertThat(get(port, "/api/v1/tenants/" + busy + "/deliveries", token).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = get(port, "/api/v1/tenants/" + busy + "/deliveries", token);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
            assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(limited.body()).contains("rate-limited");
            assertThat(get(port, "/api/v1/tenants/" + calm + "/deliveries", token).statusCode()).isEqualTo(200);
            assertThat(get(port, "/api/v1/tenants/" + busy + "/deliveries", null).statusCode())
                    .as("callers without a token are refused before they can spend the budget").isEqualTo(401);
        }
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
