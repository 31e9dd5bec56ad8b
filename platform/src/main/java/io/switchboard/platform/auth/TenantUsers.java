package io.switchboard.platform.auth;

import io.switchboard.platform.database.Placements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The people who sign in to the tenant console, in {@code platform.users}: one account per tenant and email,
 * the password stored hashed. Sign-in names are {@code <tenant>/<email>}, so the same email can belong to
 * two tenants with two passwords. Disabling keeps the row and frees the email for a new account.
 */
@Component
public class TenantUsers implements UserDetailsService {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** BCrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final String COLUMNS = "id, tenant_slug, email, name, role, created_at, disabled_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    public TenantUsers(Placements placements, PasswordEncoder passwords) {
        this.jdbc = placements.main().jdbc();
        this.passwords = passwords;
    }

    /**
     * Creates a user.
     *
     * @return the user, or empty when the tenant already has an active user with that email
     */
    public Optional<UserInfo> create(String tenantSlug, String email, String name, String password, Role role) {
        try {
            return Optional.of(jdbc.sql("INSERT INTO platform.users (tenant_slug, email, password_hash, name, role) "
                            + "VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                    .params(tenantSlug, normalize(email), passwords.encode(password), name, role.name())
                    .query(TenantUsers::map).single());
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** The tenant's users with an id below {@code beforeId}, newest first, without password hashes. */
    public List<UserInfo> list(String tenantSlug, long beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform.users WHERE tenant_slug = ? AND id < ? ORDER BY id DESC LIMIT ?")
                .params(tenantSlug, beforeId, limit).query(TenantUsers::map).list();
    }

    /** Disables a user, who can no longer sign in; false when there is no such active user. */
    public boolean disable(String tenantSlug, long id) {
        return jdbc.sql("UPDATE platform.users SET disabled_at = now() WHERE tenant_slug = ? AND id = ? AND disabled_at IS NULL")
                .params(tenantSlug, id).update() > 0;
    }

    /** The role of the user's active account, empty when there is none (never created, or disabled). */
    Optional<Role> activeRole(String tenantSlug, String email) {
        return jdbc.sql("SELECT role FROM platform.users WHERE tenant_slug = ? AND email = ? AND disabled_at IS NULL")
                .params(tenantSlug, normalize(email)).query(String.class).optional().map(Role::valueOf);
    }

    /** Loads {@code <tenant>/<email>} for the sign-in form. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        int slash = username.indexOf('/');
        if (slash <= 0) {
            throw new UsernameNotFoundException("not a tenant user name");
        }
        String tenant = username.substring(0, slash);
        String email = normalize(username.substring(slash + 1));
        return jdbc.sql("""
                        SELECT u.tenant_slug, u.email, u.password_hash, u.disabled_at, t.status
                        FROM platform.users u JOIN platform.tenants t ON t.slug = u.tenant_slug
                        WHERE u.tenant_slug = ? AND u.email = ?
                        ORDER BY u.disabled_at NULLS FIRST LIMIT 1""")
                .params(tenant, email)
                .query((rs, row) -> (UserDetails) new TenantUser(rs.getString("tenant_slug"), rs.getString("email"),
                        rs.getString("password_hash"),
                        rs.getTimestamp("disabled_at") == null && "ACTIVE".equals(rs.getString("status"))))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static UserInfo map(ResultSet rs, int row) throws SQLException {
        return new UserInfo(Long.toString(rs.getLong("id")), rs.getString("tenant_slug"), rs.getString("email"),
                rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("disabled_at") == null ? null : rs.getTimestamp("disabled_at").toInstant());
    }

    /**
     * A console user as listed; never with the password hash.
     *
     * @param id the user id
     * @param tenant the tenant's slug
     * @param email the sign-in email, lower-case
     * @param name the person's name
     * @param role what the user may do
     * @param createdAt when the user was created
     * @param disabledAt when the user was disabled, absent while active
     */
    public record UserInfo(String id, String tenant, String email, String name, Role role, Instant createdAt,
            Instant disabledAt) {}

    /** What a console user may do in their tenant. */
    public enum Role {
        /** Everything a member does, and managing the tenant's console users and API clients. */
        ADMIN,
        /** Uses the console: reads and changes the tenant's records and connections. */
        MEMBER
    }
}
