package io.switchboard.platform.notify;

import io.switchboard.platform.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tenant's suppression list: addresses that must never be messaged on a channel. Entries are matched
 * by a hash of the address, which stays after a GDPR erasure removes the address itself.
 *
 * <p>Adding an address and sending to it are serialised on a PostgreSQL advisory lock per tenant, channel and
 * address: the dispatcher holds it shared from its last check of the list until the provider has answered, and an
 * opt-out takes it exclusively before it adds the address. So a STOP either commits before the last check, which
 * then sees it, or waits for a send that had already started; never does a message go out after the check let it
 * through and a STOP committed meanwhile.
 */
@Component
public class Suppressions {

    /** Adds the address; within a tenant transaction, which it makes wait for sends to the address under way. */
    public void add(JdbcClient jdbc, Tenant tenant, String channel, String address, String reason, String keyword,
            String sourceMessageId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))::text").param(lockKey(tenant, channel, address))
                .query(String.class).single();
        jdbc.sql("""
                INSERT INTO suppressions (channel, address, address_hash, reason, keyword, source_message_id)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, address_hash) DO NOTHING""")
                .params(channel, address, hash(tenant, address), reason, keyword, sourceMessageId)
                .update();
    }

    /** Removes the address. */
    public void remove(JdbcClient jdbc, Tenant tenant, String channel, String address) {
        jdbc.sql("DELETE FROM suppressions WHERE channel = ? AND address_hash = ?")
                .params(channel, hash(tenant, address)).update();
    }

    /** Whether the address is suppressed on the channel. */
    public boolean isSuppressed(JdbcClient jdbc, Tenant tenant, String channel, String address) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppressions WHERE channel = ? AND address_hash = ?)")
                .params(channel, hash(tenant, address)).query(Boolean.class).single();
    }

    /**
     * Checks the address as the last step before a send: within a transaction that the caller keeps open until the
     * send is over, so that no opt-out of the address commits in between (see the class comment).
     */
    public boolean isSuppressedUntilSent(JdbcClient jdbc, Tenant tenant, String channel, String address) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))::text").param(lockKey(tenant, channel, address))
                .query(String.class).single();
        return isSuppressed(jdbc, tenant, channel, address);
    }

    /** The advisory lock key of an address on a channel: the tenant is part of the hash. */
    static String lockKey(Tenant tenant, String channel, String address) {
        return "suppression:" + channel + ":" + hash(tenant, address);
    }

    /** The hash an address is suppressed under: SHA-256 of the tenant and the normalised address. */
    public static String hash(Tenant tenant, String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (tenant.slug() + "\n" + address.trim().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
