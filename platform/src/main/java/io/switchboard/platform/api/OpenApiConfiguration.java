package io.switchboard.platform.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.switchboard.platform.config.SwitchboardProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published description of the API (served at {@code /v3/api-docs}, committed as {@code openapi/openapi.yaml}).
 * The server is this installation's public base URL; the token URL is relative to it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String VERSION = "1.0.0";

    @Bean
    OpenAPI switchboardOpenApi(SwitchboardProperties properties) {
        return new OpenAPI()
                .info(new Info().title("Switchboard API").version(VERSION)
                        .description("""
                                The REST API of a Switchboard installation: onboard tenants, connect their providers \
                                (Stripe, Acuity Scheduling, Facebook Lead Ads, Twilio SMS, Resend email), and read and \
                                manage each tenant's records (events and attendees, contacts, subscriptions, the webhook \
                                inbox, outbound messages, incidents, templates, the audit log).

                                Authentication: OAuth2 client credentials. Get a token from `POST /oauth2/token` with \
                                the client id and secret (HTTP Basic). Platform admins use scope `platform:admin`; a \
                                tenant's API clients (`POST /api/v1/tenants/{tenant}/api-clients`) are bound to that \
                                tenant and use `api:read` to read and `api:write` to change anything. Console users \
                                sign in by authorization code with PKCE; the tokens of a tenant's ADMIN users also \
                                carry `tenant:admin`, which creating and revoking API clients and creating and \
                                disabling console users need (or `platform:admin`); no API client can hold it. A \
                                token for one tenant gets 403 on every other tenant's paths.

                                Conventions: JSON in camelCase, times in ISO-8601 UTC, ids as strings. Lists are \
                                paginated with `limit` (1 to 200, default 50) and `cursor` and answer \
                                `{"items": [...], "nextCursor": "..."}`; `nextCursor` is absent on the last page. \
                                Errors are `application/problem+json` (RFC 9457) with a stable `type` per kind of \
                                error; validation errors list the fields at fault under `errors`.

                                Webhooks: providers post to `/webhooks/{tenant}/{provider}`; those endpoints \
                                authenticate by the provider's signature, not by OAuth2."""))
                .servers(List.of(new Server().url(properties.publicBase()).description("This installation")))
                .components(new Components().addSecuritySchemes("oauth2", new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .description("Client credentials; the client id and secret are sent with HTTP Basic.")
                        .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token")
                                .scopes(new Scopes()
                                        .addString("platform:admin", "operate the platform: onboard and offboard tenants, "
                                                + "manage any tenant")
                                        .addString("api:read", "read the token's tenant")
                                        .addString("api:write", "change the token's tenant"))))));
    }
}
