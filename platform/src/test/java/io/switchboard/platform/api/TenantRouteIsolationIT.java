package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tenant isolation over the whole route table: every route under {@code /api/v1/tenants/{tenant}}, as Spring MVC
 * has it mapped (so a controller added tomorrow is covered without touching this test), called with a
 * read-and-write token of tenant A on tenant B's path, must answer 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantRouteIsolationIT extends PlatformIT {

    private static final String TENANT_ROUTES = "/api/v1/tenants/{tenant}";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    /** Values that match each path variable's own pattern, so the request reaches the route and not a 404 of the router. */
    private static final Map<String, String> SAMPLES = Map.of("provider", "stripe", "key", "payment.confirmed");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private String mine;
    private String theirs;
    private String token;

    @BeforeAll
    void twoTenantsAndATokenForTheFirst() {
        mine = onboard(uniqueSlug("routes-a"));
        theirs = onboard(uniqueSlug("routes-b"));
        Response client = api("POST", "/api/v1/tenants/" + mine + "/api-clients", adminToken(),
                Map.of("name", "isolation", "scopes", List.of("api:read", "api:write")));
        token = token(client.json().path("clientId").asString(), client.json().path("clientSecret").asString(),
                "api:read api:write");
    }

    /** Every (method, pattern) pair Spring MVC maps under a tenant's path. */
    Stream<Route> tenantRoutes() {
        return mappings.getHandlerMethods().keySet().stream()
                .flatMap(TenantRouteIsolationIT::routes)
                .filter(r -> r.pattern().equals(TENANT_ROUTES) || r.pattern().startsWith(TENANT_ROUTES + "/"))
                .distinct()
                .sorted(java.util.Comparator.comparing(Route::toString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantRoutes")
    void aTokenOfAnotherTenantGets403(Route route) {
        Response response = api(route.method(), route.path(theirs), token, route.hasBody() ? "{}" : null);

        assertThat(response.status()).as("%s on another tenant: %s", route, response.body()).isEqualTo(403);
        assertThat(response.body()).as("nothing of tenant B is shown").doesNotContain(theirs);
        if (route.method().equals("GET")) {
            assertThat(api("GET", route.path(mine), token, null).status()).as("%s on its own tenant", route)
                    .isNotIn(401, 403);
        }
    }

    @Test
    void theRouteTableHoldsTheWholeTenantApi() {
        assertThat(tenantRoutes().map(Route::toString)).contains(
                "GET /api/v1/tenants/{tenant}",
                "DELETE /api/v1/tenants/{tenant}",
                "PATCH /api/v1/tenants/{tenant}",
                "POST /api/v1/tenants/{tenant}/api-clients",
                "DELETE /api/v1/tenants/{tenant}/api-clients/{clientId}",
                "POST /api/v1/tenants/{tenant}/users",
                "DELETE /api/v1/tenants/{tenant}/users/{id}",
                "PUT /api/v1/tenants/{tenant}/connections/{provider}",
                "POST /api/v1/tenants/{tenant}/connections/{provider}/test",
                "GET /api/v1/tenants/{tenant}/deliveries",
                "POST /api/v1/tenants/{tenant}/deliveries/{id}/replay",
                "POST /api/v1/tenants/{tenant}/events",
                "PATCH /api/v1/tenants/{tenant}/events/{id}",
                "GET /api/v1/tenants/{tenant}/events/{id}/attendees",
                "GET /api/v1/tenants/{tenant}/contacts",
                "GET /api/v1/tenants/{tenant}/contacts/{id}/export",
                "DELETE /api/v1/tenants/{tenant}/contacts/{id}",
                "GET /api/v1/tenants/{tenant}/subscriptions",
                "GET /api/v1/tenants/{tenant}/messages",
                "GET /api/v1/tenants/{tenant}/incidents",
                "POST /api/v1/tenants/{tenant}/incidents/{id}/resolve",
                "GET /api/v1/tenants/{tenant}/audit-log",
                "PUT /api/v1/tenants/{tenant}/templates/{key}");
    }

    private static Stream<Route> routes(RequestMappingInfo info) {
        Set<String> patterns = info.getPatternValues();
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> names = methods.isEmpty() ? List.of("GET") : methods.stream().map(Enum::name).toList();
        return patterns.stream().flatMap(p -> names.stream().map(m -> new Route(m, p)));
    }

    /**
     * One mapped route.
     *
     * @param method the HTTP method
     * @param pattern the path pattern with its variables
     */
    record Route(String method, String pattern) {

        /** The pattern with {tenant} set to the slug and every other variable to a sample value. */
        String path(String tenant) {
            Matcher m = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                m.appendReplacement(path, Matcher.quoteReplacement(name.equals("tenant") ? tenant : SAMPLES.getOrDefault(name, "1")));
            }
            m.appendTail(path);
            return path.toString();
        }

        boolean hasBody() {
            return Set.of("POST", "PUT", "PATCH").contains(method);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }
}
