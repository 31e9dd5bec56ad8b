package io.switchboard.platform.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code POST .../connections/{provider}/test}: each bundled webhook connector's signed test event goes through
 * verification, storage and a worker, and ends IGNORED without touching the tenant's records or the provider.
 */
class ConnectionTestEventIT extends PlatformIT {

    @Test
    void stripeTestEventIsStoredAndIgnored() {
        String slug = onboard(uniqueSlug("test-stripe"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + UUID.randomUUID()));

        assertIgnoredTestEvent(slug, "stripe");
    }

    @Test
    void smsTestEventIsStoredAndIgnored() {
        String slug = onboard(uniqueSlug("test-sms"));
        connect(slug, "sms", Map.of("accountSid", "AC" + UUID.randomUUID().toString().replace("-", ""),
                "fromNumber", "+3376" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000))),
                Map.of("authToken", "auth-" + UUID.randomUUID()));

        assertIgnoredTestEvent(slug, "sms");
    }

    @Test
    void facebookTestEventIsStoredAndIgnored() {
        String slug = onboard(uniqueSlug("test-fb"));
        connect(slug, "facebook", Map.of("pageId", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE))),
                Map.of("appSecret", "app-" + UUID.randomUUID(), "pageAccessToken", "EAAG" + UUID.randomUUID()));

        assertIgnoredTestEvent(slug, "facebook");
    }

    @Test
    void acuityTestEventIsIgnoredWithoutCallingAcuity() {
        String slug = onboard(uniqueSlug("test-acuity"));
        String apiKey = "acuity-" + UUID.randomUUID();
        connect(slug, "acuity", Map.of("userId", "19283746"), Map.of("apiKey", apiKey));

        assertIgnoredTestEvent(slug, "acuity");
        // The fake is shared with other tests' workers: only calls made with this tenant's credentials count.
        String basic = "Basic " + Base64.getEncoder().encodeToString(("19283746:" + apiKey).getBytes(StandardCharsets.UTF_8));
        PROVIDERS.verify(0, anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo(basic)));
    }

    @Test
    void twoTestEventsAreTwoDeliveries() {
        String slug = onboard(uniqueSlug("test-twice"));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + UUID.randomUUID()));

        String first = sendTest(slug, "stripe").json().path("deliveryId").asString();
        String second = sendTest(slug, "stripe").json().path("deliveryId").asString();

        assertThat(first).isNotEqualTo(second);
        assertThat(stored(slug)).hasSize(2);
    }

    @Test
    void missingOrDisabledConnectionsAndUnsupportedConnectorsAreProblems() {
        String slug = onboard(uniqueSlug("test-problems"));

        Response missing = sendTest(slug, "stripe");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");

        Response disabled = api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(),
                Map.of("enabled", false, "settings", Map.of(), "secrets", Map.of()));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        Response whenDisabled = sendTest(slug, "stripe");
        assertThat(whenDisabled.status()).isEqualTo(409);
        assertThat(whenDisabled.json().path("detail").asString()).contains("disabled");

        connect(slug, "email", Map.of("fromAddress", "hello@" + slug + ".example"), Map.of("apiKey", "re_x"));
        assertThat(sendTest(slug, "email").status()).as("email has no webhook").isEqualTo(404);
        assertThat(sendTest(slug, "nosuchprovider").status()).isEqualTo(404);
        assertThat(stored(slug)).isEmpty();
    }

    @Test
    void theConnectorsListingSaysWhichConnectorsSendTestEvents() {
        Response connectors = api("GET", "/api/v1/connectors", adminToken(), null);

        Map<String, Boolean> testEvents = new java.util.HashMap<>();
        connectors.json().path("items").forEach(item ->
                testEvents.put(item.path("providerId").asString(), item.path("testEvents").asBoolean()));
        assertThat(testEvents).containsEntry("stripe", true).containsEntry("sms", true)
                .containsEntry("facebook", true).containsEntry("acuity", true).containsEntry("email", false);
    }

    @Test
    void aTenantTokenNeedsWriteAccessAndItsOwnTenant() {
        String slug = onboard(uniqueSlug("test-scope"));
        String other = onboard(uniqueSlug("test-other"));
        connect(other, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + UUID.randomUUID()));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + UUID.randomUUID()));
        String readOnly = clientToken(slug, "api:read");
        String readWrite = clientToken(slug, "api:read api:write");

        assertThat(api("POST", "/api/v1/tenants/" + other + "/connections/stripe/test", readWrite, null).status())
                .isEqualTo(403);
        assertThat(api("POST", "/api/v1/tenants/" + slug + "/connections/stripe/test", readOnly, null).status())
                .isEqualTo(403);
        assertThat(api("POST", "/api/v1/tenants/" + slug + "/connections/stripe/test", readWrite, null).status())
                .isEqualTo(200);
        assertThat(stored(other)).isEmpty();
    }

    private void assertIgnoredTestEvent(String slug, String provider) {
        Response response = sendTest(slug, provider);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).as(response.body()).isEqualTo("ACCEPTED");
        assertThat(response.json().path("httpStatus").asInt()).isEqualTo(200);
        String deliveryId = response.json().path("deliveryId").asString();
        eventually(() -> assertThat(rows(slug, "SELECT status, last_error, event_type FROM {schema}.deliveries WHERE id = ?",
                Long.parseLong(deliveryId))).singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("status", "IGNORED").containsEntry("last_error", "test event")
                            .containsEntry("event_type", "switchboard.test_event");
                }));
        for (String table : List.of("contacts", "contact_activities", "payments", "attendee_events", "subscriptions",
                "messages", "incidents", "suppressions")) {
            assertThat(rows(slug, "SELECT * FROM {schema}." + table)).as("%s after a %s test event", table, provider)
                    .isEmpty();
        }
    }

    private Response sendTest(String slug, String provider) {
        return api("POST", "/api/v1/tenants/" + slug + "/connections/" + provider + "/test", adminToken(), null);
    }

    private String clientToken(String slug, String scopes) {
        Response client = api("POST", "/api/v1/tenants/" + slug + "/api-clients", adminToken(),
                Map.of("name", "test-events", "scopes", List.of(scopes.split(" "))));
        return token(client.json().path("clientId").asString(), client.json().path("clientSecret").asString(), scopes);
    }
}
