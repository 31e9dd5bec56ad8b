package io.switchboard.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Who may do what, and secrets never leaving the vault. */
@ExtendWith(OutputCaptureExtension.class)
class AccessControlIT extends PlatformIT {

    @Test
    void withoutATokenTheApiIs401() {
        assertThat(api("GET", "/api/v1/tenants", null, null).status()).isEqualTo(401);
        assertThat(api("POST", "/api/v1/tenants", null, Map.of("slug", "nope-nope", "name", "x")).status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutPlatformAdminCannotOnboardTenants() {
        String slug = onboard(uniqueSlug("owner"));
        Response created = api("POST", "/api/v1/tenants/" + slug + "/api-clients", adminToken(),
                Map.of("name", "integration", "scopes", java.util.List.of("api:read", "api:write")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String tenantToken = token(created.json().path("clientId").asString(), created.json().path("clientSecret").asString(),
                "api:read api:write");

        Response onboard = api("POST", "/api/v1/tenants", tenantToken, Map.of("slug", uniqueSlug("sneaky"), "name", "x"));

        assertThat(onboard.status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/tenants", tenantToken, null).status()).isEqualTo(403);
        assertThat(api("DELETE", "/api/v1/tenants/" + slug, tenantToken, null).status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/tenants/" + slug, tenantToken, null).status()).isEqualTo(200);
    }

    @Test
    void aTenantTokenGets403OnAnotherTenant() {
        String mine = onboard(uniqueSlug("mine"));
        String theirs = onboard(uniqueSlug("theirs"));
        Response created = api("POST", "/api/v1/tenants/" + mine + "/api-clients", adminToken(),
                Map.of("name", "integration", "scopes", java.util.List.of("api:read", "api:write")));
        String token = token(created.json().path("clientId").asString(), created.json().path("clientSecret").asString(),
                "api:read api:write");

        assertThat(api("GET", "/api/v1/tenants/" + theirs + "/deliveries", token, null).status()).isEqualTo(403);
        assertThat(api("PUT", "/api/v1/tenants/" + theirs + "/connections/stripe", token,
                Map.of("settings", Map.of(), "secrets", Map.of("webhookSecret", "whsec_evil"))).status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/tenants/" + mine + "/deliveries", token, null).status()).isEqualTo(200);
    }

    @Test
    void secretsNeverAppearInResponsesOrLogs(CapturedOutput output) {
        String slug = onboard(uniqueSlug("secrets"));
        String secret = "whsec_Sup3rSecretValueThatMustNotLeak";
        Response put = connect(slug, "stripe", Map.of("dunningMaxFailures", 2),
                Map.of("webhookSecret", secret, "apiKey", "sk_test_AnotherSecretThatMustNotLeak"));
        assertThat(put.json().path("secretsSet").toString()).contains("webhookSecret", "apiKey");
        byte[] body = fixture("stripe/payment_intent_succeeded.json");
        webhook(slug, "stripe", body, StripeSigner.headers(body, secret));
        webhook(slug, "stripe", body, StripeSigner.headers(body, "whsec_wrong"));
        Response list = api("GET", "/api/v1/tenants/" + slug + "/connections", adminToken(), null);
        Response one = api("GET", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(), null);

        for (Response response : new Response[] {put, list, one}) {
            assertThat(response.body()).doesNotContain(secret).doesNotContain("AnotherSecretThatMustNotLeak");
        }
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain("AnotherSecretThatMustNotLeak")
                .doesNotContain(ADMIN_SECRET);
        assertThat(db().sql("SELECT secrets FROM platform.connections c JOIN platform.tenants t ON t.id = c.tenant_id WHERE t.slug = ?")
                .param(slug).query(byte[].class).single()).asString().doesNotContain(secret);
    }

    @Test
    void connectionsAreValidatedAgainstTheConnectorsFields() {
        String slug = onboard(uniqueSlug("validate"));
        Response response = api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(),
                Map.of("settings", Map.of("bogus", "x", "webhookSecret", "in the wrong place"), "secrets", Map.of()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").has("settings.bogus")).isTrue();
        assertThat(response.json().path("errors").has("settings.webhookSecret")).isTrue();
        assertThat(response.body()).doesNotContain("in the wrong place");
        assertThat(api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(),
                Map.of("settings", Map.of(), "secrets", Map.of())).json().path("errors").has("secrets.webhookSecret")).isTrue();
        assertThat(api("PUT", "/api/v1/tenants/" + slug + "/connections/stripe", adminToken(), "{not json").status())
                .isEqualTo(400);
    }
}
