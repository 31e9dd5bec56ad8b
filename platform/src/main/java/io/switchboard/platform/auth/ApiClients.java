package io.switchboard.platform.auth;

import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.database.Placements;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * OAuth2 clients of the embedded authorization server, in {@code platform.api_clients}: the bootstrap
 * admin client and tenants' API clients. Secrets are stored hashed and shown once, at creation; a revoked
 * client gets no new tokens. The tenant console's public client ({@link ConsoleClient}) is built in, not stored.
 */
@Component
public class ApiClients implements RegisteredClientRepository {

    /** Client setting holding the tenant a client belongs to. */
    static final String TENANT_SETTING = "switchboard.tenant";
    /** The scope of platform administrators. */
    public static final String ADMIN_SCOPE = "platform:admin";
    /**
     * The scope of a tenant's administrators: managing the tenant's console users and API clients. Only tokens
     * of console users with the ADMIN role carry it; no API client can hold it, so an integrator's credential
     * never mints other credentials.
     */
    public static final String TENANT_ADMIN_SCOPE = "tenant:admin";
    /** Scopes tenant API clients may hold. */
    public static final Set<String> TENANT_SCOPES = Set.of("api:read", "api:write");

    private static final Duration TOKEN_TIME = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final SecureRandom random = new SecureRandom();
    private final RegisteredClient console;

    public ApiClients(Placements placements, PasswordEncoder passwords, SwitchboardProperties properties,
            @Value("${switchboard.console.loopback-sign-in:true}") boolean loopbackSignIn) {
        this.jdbc = placements.main().jdbc();
        this.passwords = passwords;
        this.console = ConsoleClient.build(properties.publicBase(), loopbackSignIn);
    }

    /**
     * Creates a client with a generated secret.
     *
     * @param tenantSlug the tenant, or null for a platform client
     */
    public Created create(String name, String tenantSlug, List<String> scopes) {
        String clientId = (tenantSlug == null ? "platform" : tenantSlug) + "-" + randomToken(9);
        String secret = randomToken(32);
        insert(clientId, secret, name, tenantSlug, scopes);
        return new Created(clientId, secret, name, scopes);
    }

    /** Creates or replaces the bootstrap admin client with the given credentials. */
    void putAdmin(String clientId, String secret) {
        jdbc.sql("DELETE FROM platform.api_clients WHERE client_id = ?").param(clientId).update();
        insert(clientId, secret, "bootstrap admin", null, List.of(ADMIN_SCOPE));
    }

    /** Whether any platform admin client exists. */
    boolean adminExists() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform.api_clients WHERE tenant_slug IS NULL AND revoked_at IS NULL)")
                .query(Boolean.class).single();
    }

    /** The tenant's clients, without secrets. */
    public List<ClientInfo> list(String tenantSlug) {
        return jdbc.sql("""
                SELECT client_id, name, scopes, created_at, revoked_at FROM platform.api_clients
                WHERE tenant_slug = ? ORDER BY created_at""")
                .param(tenantSlug)
                .query((rs, row) -> new ClientInfo(rs.getString("client_id"), rs.getString("name"),
                        Arrays.asList((String[]) rs.getArray("scopes").getArray()), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** Revokes one of the tenant's clients; false when there is no such client. */
    public boolean revoke(String tenantSlug, String clientId) {
        return jdbc.sql("""
                UPDATE platform.api_clients SET revoked_at = now()
                WHERE tenant_slug = ? AND client_id = ? AND revoked_at IS NULL""")
                .params(tenantSlug, clientId).update() > 0;
    }

    /** Whether the client exists and is not revoked. */
    public boolean isActive(String clientId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform.api_clients WHERE client_id = ? AND revoked_at IS NULL)")
                .param(clientId).query(Boolean.class).single();
    }

    private void insert(String clientId, String secret, String name, String tenantSlug, List<String> scopes) {
        jdbc.sql("""
                INSERT INTO platform.api_clients (id, client_id, secret_hash, name, tenant_slug, scopes)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID().toString(), clientId, passwords.encode(secret), name, tenantSlug,
                        scopes.toArray(String[]::new))
                .update();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are created through the API");
    }

    @Override
    public RegisteredClient findById(String id) {
        return console.getId().equals(id) ? console : find("id", id).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return console.getClientId().equals(clientId) ? console : find("client_id", clientId).orElse(null);
    }

    private Optional<RegisteredClient> find(String column, String value) {
        return jdbc.sql("SELECT id, client_id, secret_hash, name, tenant_slug, scopes, created_at FROM platform.api_clients WHERE "
                        + column + " = ? AND revoked_at IS NULL")
                .param(value)
                .query((rs, row) -> {
                    String tenant = rs.getString("tenant_slug");
                    List<String> scopes = Arrays.asList((String[]) rs.getArray("scopes").getArray());
                    ClientSettings.Builder settings = ClientSettings.builder().requireProofKey(false);
                    if (tenant != null) {
                        settings.setting(TENANT_SETTING, tenant);
                    }
                    return RegisteredClient.withId(rs.getString("id"))
                            .clientId(rs.getString("client_id"))
                            .clientSecret(rs.getString("secret_hash"))
                            .clientName(rs.getString("name"))
                            .clientIdIssuedAt(rs.getTimestamp("created_at").toInstant())
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .scopes(s -> s.addAll(scopes))
                            .clientSettings(settings.build())
                            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_TIME).build())
                            .build();
                })
                .optional();
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    /**
     * A new client with its secret, shown once.
     *
     * @param clientId the client id
     * @param clientSecret the secret
     * @param name its name
     * @param scopes its scopes
     */
    public record Created(String clientId, String clientSecret, String name, List<String> scopes) {}

    /**
     * A client as listed.
     *
     * @param clientId the client id
     * @param name its name
     * @param scopes its scopes
     * @param createdAt when it was created
     * @param revokedAt when it was revoked, or null
     */
    public record ClientInfo(String clientId, String name, List<String> scopes, Instant createdAt, Instant revokedAt) {}
}
