package io.switchboard.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Console users and their sign-in: users are created through the API, sign in through the form with the
 * authorization code flow and PKCE, and get tokens for their own tenant only.
 */
class ConsoleSignInIT extends PlatformIT {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void aUserSignsInWithPkceAndGetsATokenForTheirTenantOnly() {
        String slug = onboard(uniqueSlug("console"));
        String other = onboard(uniqueSlug("other"));
        createUser(slug, "Marie@Example.fr");
        ConsoleSignIn browser = new ConsoleSignIn(port);

        ConsoleSignIn.Response toLogin = browser.authorize(true);
        assertThat(toLogin.status()).isEqualTo(302);
        assertThat(toLogin.location()).endsWith("/login");
        // The email is matched without case; tenant and email are separate fields of the form.
        ConsoleSignIn.Response back = browser.follow(browser.submitSignIn(slug, "marie@example.fr", PASSWORD));
        assertThat(back.location()).startsWith(browser.redirectUri());
        Map<String, String> callback = ConsoleSignIn.query(back.location());
        assertThat(callback).containsEntry("state", browser.state()).containsKey("code");

        ConsoleSignIn.Response token = browser.token(callback.get("code"));

        assertThat(token.status()).as(token.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(token.body());
        assertThat(body.has("refresh_token")).isFalse();
        String accessToken = body.path("access_token").asString();
        JsonNode claims = claims(accessToken);
        assertThat(claims.path("tenant").asString()).isEqualTo(slug);
        assertThat(claims.path("sub").asString()).isEqualTo(slug + "/marie@example.fr");
        assertThat(claims.path("scope").toString()).contains("api:read", "api:write");
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/connections", accessToken, null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/tenants/" + other + "/connections", accessToken, null).status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/tenants", accessToken, null).status()).isEqualTo(403);
        // A code is good once.
        assertThat(browser.token(callback.get("code")).status()).isEqualTo(400);
    }

    @Test
    void writesBySignedInUsersAreAuditedUnderTheirName() {
        String slug = onboard(uniqueSlug("audited"));
        createUser(slug, "owner@example.fr");
        ConsoleSignIn browser = new ConsoleSignIn(port);
        String token = JSON.readTree(browser.token(browser.code(slug, "owner@example.fr", PASSWORD)).body())
                .path("access_token").asString();

        Response invited = api("POST", "/api/v1/tenants/" + slug + "/users", token,
                Map.of("email", "colleague@example.fr", "name", "Colleague", "password", "another long password"));

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(rows(slug, "SELECT actor, action FROM {schema}.audit_log WHERE action = 'user.create' ORDER BY id"))
                .extracting(r -> r.get("actor") + " " + r.get("action"))
                .containsExactly(ADMIN_ID + " user.create", slug + "/owner@example.fr user.create");
    }

    @Test
    void wrongPasswordsUnknownTenantsAndDisabledUsersAreRefused() {
        String slug = onboard(uniqueSlug("refuse"));
        String id = createUser(slug, "paul@example.fr").path("id").asString();

        ConsoleSignIn wrongPassword = new ConsoleSignIn(port);
        wrongPassword.authorize(true);
        assertThat(wrongPassword.submitSignIn(slug, "paul@example.fr", "not the password").location()).endsWith("/login?error");
        ConsoleSignIn wrongTenant = new ConsoleSignIn(port);
        wrongTenant.authorize(true);
        assertThat(wrongTenant.submitSignIn(uniqueSlug("nobody"), "paul@example.fr", PASSWORD).location()).endsWith("/login?error");
        assertThat(wrongTenant.get("/login?error").body()).contains("Wrong tenant, email or password");

        assertThat(api("DELETE", "/api/v1/tenants/" + slug + "/users/" + id, adminToken(), null).status()).isEqualTo(204);
        ConsoleSignIn disabled = new ConsoleSignIn(port);
        disabled.authorize(true);
        assertThat(disabled.submitSignIn(slug, "paul@example.fr", PASSWORD).location()).endsWith("/login?error");

        // A disabled account frees its email: the person gets a new account with a new password.
        Response again = api("POST", "/api/v1/tenants/" + slug + "/users", adminToken(),
                Map.of("email", "paul@example.fr", "name", "Paul", "password", "a brand new password"));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        ConsoleSignIn oldPassword = new ConsoleSignIn(port);
        oldPassword.authorize(true);
        assertThat(oldPassword.submitSignIn(slug, "paul@example.fr", PASSWORD).location()).endsWith("/login?error");
        ConsoleSignIn newPassword = new ConsoleSignIn(port);
        assertThat(newPassword.token(newPassword.code(slug, "paul@example.fr", "a brand new password")).status()).isEqualTo(200);
    }

    @Test
    void theConsoleClientMustUsePkceAndItsOwnCallback() {
        String slug = onboard(uniqueSlug("pkce"));
        createUser(slug, "lea@example.fr");
        ConsoleSignIn browser = new ConsoleSignIn(port);
        browser.code(slug, "lea@example.fr", PASSWORD);

        ConsoleSignIn.Response withoutPkce = browser.authorize(false);

        assertThat(withoutPkce.location()).startsWith(browser.redirectUri()).contains("error=invalid_request")
                .doesNotContain("code=");
        ConsoleSignIn.Response elsewhere = browser.get("/oauth2/authorize?response_type=code&client_id=switchboard-console"
                + "&redirect_uri=https%3A%2F%2Fevil.example%2Fconsole%2Fcallback&scope=api%3Aread&code_challenge=abc"
                + "&code_challenge_method=S256");
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.location()).isNull();
    }

    @Test
    void usersAreValidatedListedWithoutPasswordsAndUniquePerTenant() {
        String slug = onboard(uniqueSlug("users"));
        String other = onboard(uniqueSlug("users-b"));
        createUser(slug, "anne@example.fr");

        Response shortPassword = api("POST", "/api/v1/tenants/" + slug + "/users", adminToken(),
                Map.of("email", "bob@example.fr", "name", "Bob", "password", "too-short"));
        Response badEmail = api("POST", "/api/v1/tenants/" + slug + "/users", adminToken(),
                Map.of("email", "not-an-email", "name", "Bob", "password", PASSWORD));
        Response duplicate = api("POST", "/api/v1/tenants/" + slug + "/users", adminToken(),
                Map.of("email", "ANNE@example.fr", "name", "Anne again", "password", PASSWORD));
        Response sameEmailElsewhere = api("POST", "/api/v1/tenants/" + other + "/users", adminToken(),
                Map.of("email", "anne@example.fr", "name", "Anne", "password", PASSWORD));

        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().path("errors").path("password").asString()).contains("12");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().path("errors").has("email")).isTrue();
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(sameEmailElsewhere.status()).isEqualTo(201);
        Response list = api("GET", "/api/v1/tenants/" + slug + "/users", adminToken(), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.json().path("items").get(0).path("email").asString()).isEqualTo("anne@example.fr");
        assertThat(list.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hash").doesNotContain("$2a$");
        assertThat(rows(slug, "SELECT details::text AS details FROM {schema}.audit_log WHERE action = 'user.create'"))
                .extracting(r -> r.get("details").toString()).allSatisfy(d -> assertThat(d).doesNotContain(PASSWORD));
        assertThat(db().sql("SELECT password_hash FROM platform.users WHERE tenant_slug = ?").param(slug)
                .query(String.class).list()).allSatisfy(hash -> assertThat(hash).startsWith("{bcrypt}"));
    }

    @Test
    void offboardingATenantRemovesItsUsers() {
        String slug = onboard(uniqueSlug("gone"));
        createUser(slug, "temp@example.fr");

        assertThat(api("DELETE", "/api/v1/tenants/" + slug, adminToken(), null).status()).isEqualTo(204);

        assertThat(db().sql("SELECT count(*) FROM platform.users WHERE tenant_slug = ?").param(slug).query(Long.class).single())
                .isZero();
    }

    private JsonNode createUser(String slug, String email) {
        Response created = api("POST", "/api/v1/tenants/" + slug + "/users", adminToken(),
                Map.of("email", email, "name", "Test user", "password", PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(PASSWORD);
        return created.json();
    }

    private static JsonNode claims(String jwt) {
        List<String> parts = List.of(jwt.split("\\."));
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts.get(1)), StandardCharsets.UTF_8));
    }
}
