package io.switchboard.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Single-business mode's start-up step, called directly with the values the environment would give (the shared
 * platform runs without a default tenant), and the seed's endpoint answering 404 when none is configured.
 */
class DefaultTenantBootstrapIT extends PlatformIT {

    private static final String CHECKOUT = "stripe/checkout_session_completed_payment_link.json";

    @Autowired
    private DefaultTenantBootstrap bootstrap;

    @Test
    void aMissingTenantIsOnboardedWithItsStripeSecret() {
        String slug = uniqueSlug("single");

        Tenant tenant = bootstrap.apply(slug, "Atelier Lumière", "whsec_from_env_1");

        assertThat(tenant.slug()).isEqualTo(slug);
        Response read = api("GET", "/api/v1/tenants/" + slug, adminToken(), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asString()).isEqualTo("Atelier Lumière");
        Response connection = api("GET", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(), null);
        assertThat(connection.json().path("enabled").asBoolean()).isTrue();
        assertThat(connection.json().path("secretsSet").toString()).contains("webhookSecret");
        assertThat(accepts(slug, "whsec_from_env_1")).isTrue();
        assertThat(rows(slug, "SELECT actor, action FROM {schema}.audit_log ORDER BY id"))
                .containsExactly(Map.of("actor", "environment", "action", "tenant.create"),
                        Map.of("actor", "environment", "action", "connection.put"));
    }

    @Test
    void onALaterStartTheSecretIsUpdatedAndEverythingElseKept() {
        String slug = uniqueSlug("single-again");
        long id = bootstrap.apply(slug, "Atelier Lumière", "whsec_from_env_1").id();
        connect(slug, "stripe", Map.of("dunningMaxFailures", 2), Map.of("apiKey", "rk_test_kept"));

        Tenant again = bootstrap.apply(slug, "Another name", "whsec_from_env_2");

        assertThat(again.id()).isEqualTo(id);
        assertThat(again.name()).isEqualTo("Atelier Lumière");
        Response connection = api("GET", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(), null);
        assertThat(connection.json().path("settings").path("dunningMaxFailures").asInt()).isEqualTo(2);
        assertThat(connection.json().path("secretsSet").toString()).contains("apiKey", "webhookSecret");
        assertThat(accepts(slug, "whsec_from_env_2")).isTrue();
        assertThat(accepts(slug, "whsec_from_env_1")).as("the replaced secret").isFalse();

        bootstrap.apply(slug, "", "whsec_from_env_2");
        assertThat(rows(slug, "SELECT action FROM {schema}.audit_log WHERE actor = 'environment'"))
                .as("an unchanged secret is not written again").hasSize(3);
    }

    @Test
    void withoutASecretStripeIsLeftAloneAndABadSlugIsRefused() {
        String slug = uniqueSlug("single-nostripe");

        bootstrap.apply(slug, null, "");

        assertThat(api("GET", "/api/v1/tenants/" + slug, adminToken(), null).json().path("name").asString()).isEqualTo(slug);
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(), null).status()).isEqualTo(404);
        assertThatThrownBy(() -> bootstrap.apply("Not A Slug", "x", "whsec_x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SWITCHBOARD_DEFAULT_TENANT");
    }

    @Test
    void theSeedEndpointIs404WithoutADefaultTenant() {
        byte[] body = fixture(CHECKOUT);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/webhooks/stripe")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        StripeSigner.headers(body, "whsec_x").forEach(request::header);

        Response response = send(request);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private boolean accepts(String slug, String secret) {
        byte[] body = fixture(CHECKOUT);
        return webhook(slug, "stripe", body, StripeSigner.headers(body, secret)).status() == 200;
    }
}
