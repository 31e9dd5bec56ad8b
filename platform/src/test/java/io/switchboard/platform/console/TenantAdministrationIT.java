package io.switchboard.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who manages a tenant's people and credentials: the tenant's ADMIN users (their console tokens carry
 * {@code tenant:admin}) and the platform admin, never an integrator's API client nor a MEMBER. Revoked clients
 * and disabled users lose the tokens they already hold.
 */
class TenantAdministrationIT extends PlatformIT {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void anIntegratorsClientCannotManageClientsOrUsersOfItsOwnTenant() {
        String slug = onboard(uniqueSlug("integrator"));
        JsonNode client = createClient(slug, adminToken(), List.of("api:read", "api:write"));
        String userId = createUser(slug, adminToken(), "anne@example.fr", null).path("id").asString();
        String token = token(client.path("clientId").asString(), client.path("clientSecret").asString(), "api:read api:write");
        String clientsBefore = list(slug, "api-clients");
        String usersBefore = list(slug, "users");

        Response newClient = api("POST", "/api/v1/tenants/" + slug + "/api-clients", token,
                Map.of("name", "minted", "scopes", List.of("api:read", "api:write")));
        Response revoke = api("DELETE", "/api/v1/tenants/" + slug + "/api-clients/" + client.path("clientId").asString(), token, null);
        Response newUser = api("POST", "/api/v1/tenants/" + slug + "/users", token,
                Map.of("email", "intruder@example.fr", "name", "Intruder", "password", PASSWORD, "role", "ADMIN"));
        Response disable = api("DELETE", "/api/v1/tenants/" + slug + "/users/" + userId, token, null);

        assertThat(List.of(newClient, revoke, newUser, disable)).extracting(Response::status).containsOnly(403);
        assertThat(list(slug, "api-clients")).isEqualTo(clientsBefore);
        assertThat(list(slug, "users")).isEqualTo(usersBefore);
        // Reading them stays with api:read, as for every other tenant path.
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/api-clients", token, null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/users", token, null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/deliveries", token, null).status()).isEqualTo(200);
    }

    @Test
    void noApiClientCanHoldTenantAdmin() {
        String slug = onboard(uniqueSlug("no-admin-client"));

        Response response = api("POST", "/api/v1/tenants/" + slug + "/api-clients", adminToken(),
                Map.of("name", "too strong", "scopes", List.of("api:read", "tenant:admin")));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").path("scopes").asString()).contains("tenant:admin");
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/api-clients", adminToken(), null).json().path("items")).isEmpty();
    }

    @Test
    void aConsoleAdminManagesClientsAndPeopleAndAMemberCannot() {
        String slug = onboard(uniqueSlug("console-admin"));
        JsonNode first = createUser(slug, adminToken(), "owner@example.fr", null);
        assertThat(first.path("role").asString()).as("the platform admin's users default to ADMIN").isEqualTo("ADMIN");
        String adminToken = signIn(slug, "owner@example.fr", PASSWORD);
        assertThat(scopes(adminToken)).contains("api:read", "api:write", "tenant:admin");

        JsonNode client = createClient(slug, adminToken, List.of("api:read"));
        JsonNode member = createUser(slug, adminToken, "member@example.fr", "MEMBER");
        JsonNode defaulted = createUser(slug, adminToken, "colleague@example.fr", null);

        assertThat(member.path("role").asString()).isEqualTo("MEMBER");
        assertThat(defaulted.path("role").asString()).as("an admin's users default to MEMBER").isEqualTo("MEMBER");
        String memberToken = signIn(slug, "member@example.fr", PASSWORD);
        assertThat(scopes(memberToken)).contains("api:read", "api:write").doesNotContain("tenant:admin");
        String usersBefore = list(slug, "users");
        assertThat(api("POST", "/api/v1/tenants/" + slug + "/users", memberToken,
                Map.of("email", "friend@example.fr", "name", "Friend", "password", PASSWORD, "role", "ADMIN")).status())
                .isEqualTo(403);
        assertThat(api("DELETE", "/api/v1/tenants/" + slug + "/users/" + first.path("id").asString(), memberToken, null).status())
                .isEqualTo(403);
        assertThat(api("DELETE", "/api/v1/tenants/" + slug + "/api-clients/" + client.path("clientId").asString(), memberToken,
                null).status()).isEqualTo(403);
        assertThat(list(slug, "users")).isEqualTo(usersBefore);
        // A member still uses the console: lists the team, changes records.
        Response team = api("GET", "/api/v1/tenants/" + slug + "/users", memberToken, null);
        assertThat(team.status()).isEqualTo(200);
        assertThat(team.body()).contains("\"role\":\"ADMIN\"", "\"role\":\"MEMBER\"");
        assertThat(api("POST", "/api/v1/tenants/" + slug + "/events", memberToken,
                Map.of("name", "Member's event", "startsAt", "2027-03-01T18:00:00Z")).status()).isEqualTo(201);
        // The admin disables the member; the admin's token could revoke the client too.
        assertThat(api("DELETE", "/api/v1/tenants/" + slug + "/users/" + member.path("id").asString(), adminToken, null).status())
                .isEqualTo(204);
        assertThat(api("DELETE", "/api/v1/tenants/" + slug + "/api-clients/" + client.path("clientId").asString(), adminToken,
                null).status()).isEqualTo(204);
    }

    @Test
    void aRevokedClientsTokensAreRefusedAndItGetsNoNewOnes() {
        String slug = onboard(uniqueSlug("revoked"));
        JsonNode client = createClient(slug, adminToken(), List.of("api:read", "api:write"));
        String clientId = client.path("clientId").asString();
        String secret = client.path("clientSecret").asString();
        String token = token(clientId, secret, "api:read");
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/deliveries", token, null).status()).isEqualTo(200);

        assertThat(api("DELETE", "/api/v1/tenants/" + slug + "/api-clients/" + clientId, adminToken(), null).status())
                .isEqualTo(204);

        eventually(() -> assertThat(api("GET", "/api/v1/tenants/" + slug + "/deliveries", token, null).status()).isEqualTo(401));
        Response again = send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api:read")));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.body()).doesNotContain("access_token");
    }

    @Test
    void aDisabledUsersTokenIsRefused() {
        String slug = onboard(uniqueSlug("disabled"));
        String id = createUser(slug, adminToken(), "leaving@example.fr", "MEMBER").path("id").asString();
        String token = signIn(slug, "leaving@example.fr", PASSWORD);
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/contacts", token, null).status()).isEqualTo(200);

        assertThat(api("DELETE", "/api/v1/tenants/" + slug + "/users/" + id, adminToken(), null).status()).isEqualTo(204);

        eventually(() -> assertThat(api("GET", "/api/v1/tenants/" + slug + "/contacts", token, null).status()).isEqualTo(401));
    }

    private JsonNode createClient(String slug, String token, List<String> scopes) {
        Response created = api("POST", "/api/v1/tenants/" + slug + "/api-clients", token, Map.of("name", "integration", "scopes", scopes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode createUser(String slug, String token, String email, String role) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "name", "Test user", "password", PASSWORD));
        if (role != null) {
            body.put("role", role);
        }
        Response created = api("POST", "/api/v1/tenants/" + slug + "/users", token, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private String list(String slug, String what) {
        Response response = api("GET", "/api/v1/tenants/" + slug + "/" + what, adminToken(), null);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private String signIn(String slug, String email, String password) {
        ConsoleSignIn browser = new ConsoleSignIn(port);
        ConsoleSignIn.Response token = browser.token(browser.code(slug, email, password));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).path("access_token").asString();
    }

    private static String scopes(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("scope").toString();
    }
}
