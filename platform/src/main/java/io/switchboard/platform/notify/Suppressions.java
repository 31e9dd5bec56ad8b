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
 */
@Component
public class Suppressions {

    /** Adds the address; within a tenant transaction. */
    public void add(JdbcClient jdbc, Tenant tenant, String channel, String address, String reason, String keyword,
            String sourceMessageId) {
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
