package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The platform's public API, as an operator's script would call it. */
final class Api {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private long tokenAt;

    Api(String base, String clientId, String clientSecret) {
        this.base = base;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Onboards a tenant; throws unless 201. */
    void onboard(String slug) throws IOException, InterruptedException {
        send("POST", "/api/v1/tenants", Map.of("slug", slug, "name", "Bench " + slug), 201);
    }

    /** Connects Stripe with the harness's secret for the tenant. */
    void connectStripe(String slug) throws IOException, InterruptedException {
        send("PUT", "/api/v1/tenants/" + slug + "/connections/stripe",
                Map.of("enabled", true, "settings", Map.of(), "secrets", Map.of("webhookSecret", SignedWebhooks.secretOf(slug))),
                200);
    }

    /** Connects Twilio SMS (pointed by the operator configuration at the local fake). */
    void connectSms(String slug) throws IOException, InterruptedException {
        send("PUT", "/api/v1/tenants/" + slug + "/connections/sms",
                Map.of("enabled", true, "settings", Map.of("accountSid", "ACbench0000000000", "fromNumber", "+33700000000"),
                        "secrets", Map.of("authToken", "bench-auth-token")), 200);
    }

    /** An event sold through the fixture's Payment Link, so checkouts mark its attendees PAID. */
    void createEvent(String slug) throws IOException, InterruptedException {
        send("POST", "/api/v1/tenants/" + slug + "/events", Map.of("name", "Atelier céramique",
                "startsAt", "2027-09-26T09:00:00Z", "stripePaymentLinkId", SignedWebhooks.PAYMENT_LINK), 201);
    }

    /** The tenant's default SMS for a template key. */
    void putSmsTemplate(String slug, String key, String sms) throws IOException, InterruptedException {
        send("PUT", "/api/v1/tenants/" + slug + "/templates/" + key, Map.of("locale", "fr", "sms", sms), 200);
    }

    private void send(String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** An admin token, renewed every few minutes (they live 30). */
    private String token() throws IOException, InterruptedException {
        if (token == null || System.currentTimeMillis() - tokenAt > 5 * 60_000) {
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=platform:admin"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            token = json.readTree(response.body()).get("access_token").asString();
            tokenAt = System.currentTimeMillis();
        }
        return token;
    }
}
