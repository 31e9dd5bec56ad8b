package io.switchboard.platform.auth;

import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The tenant console as an OAuth2 client: public (it runs in the browser and can keep no secret), so it must
 * use the authorization code grant with PKCE. It is built from configuration rather than stored, so it always
 * matches the public base URL.
 */
final class ConsoleClient {

    /** The console's client id. */
    static final String CLIENT_ID = "switchboard-console";
    /** Its registered-client id (distinct from every stored client's UUID). */
    static final String ID = "builtin-switchboard-console";
    /** The console's callback path, below the base URL it is served from. */
    static final String CALLBACK = "/console/callback";

    private static final Duration TOKEN_TIME = Duration.ofMinutes(30);
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    private ConsoleClient() {}

    /**
     * The console client.
     *
     * @param publicBase the platform's public base URL, without a trailing slash
     * @param loopback whether the console may also be reached on a loopback address at any port (RFC 8252
     *     section 7.3), so it works on a developer's machine whatever the public base URL says
     */
    static RegisteredClient build(String publicBase, boolean loopback) {
        RegisteredClient.Builder builder = RegisteredClient.withId(ID)
                .clientId(CLIENT_ID)
                .clientName("Switchboard console")
                .clientIdIssuedAt(ISSUED)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(publicBase + CALLBACK)
                .scope("api:read")
                .scope("api:write")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_TIME)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2)).build());
        if (loopback) {
            builder.redirectUri("http://127.0.0.1" + CALLBACK).redirectUri("http://[::1]" + CALLBACK);
        }
        return builder.build();
    }
}
