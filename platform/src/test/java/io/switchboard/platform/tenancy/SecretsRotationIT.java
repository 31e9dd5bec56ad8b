package io.switchboard.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.secrets.SecretsVault;
import io.switchboard.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Connections sealed with a previous master key keep working and are sealed again with the active key. */
class SecretsRotationIT extends PlatformIT {

    @Autowired
    ConnectionStore connections;

    @Autowired
    TenantRegistry tenants;

    @Test
    void connectionsSealedWithAPreviousKeyAreResealedWithTheActiveOne() {
        String slug = onboard(uniqueSlug("rotate"));
        long tenantId = tenants.find(slug).orElseThrow().id();
        SecretsVault oldVault = new SecretsVault(new SwitchboardProperties(null, Path.of("target"), null, null, null,
                "old:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=", "", null, null, null, null, null));
        SecretsVault.Sealed sealed = oldVault.seal("{\"webhookSecret\":\"whsec_rotated\"}".getBytes(StandardCharsets.UTF_8),
                "connection:" + tenantId + ":stripe");
        db().sql("""
                INSERT INTO platform.connections (tenant_id, provider, enabled, settings, secrets, secrets_key_id, secret_fields)
                VALUES (?, 'stripe', true, '{}'::jsonb, ?, 'old', '{webhookSecret}')""")
                .params(tenantId, sealed.ciphertext()).update();

        int resealed = connections.resealWithActiveKey();

        assertThat(resealed).isGreaterThanOrEqualTo(1);
        assertThat(db().sql("SELECT secrets_key_id FROM platform.connections WHERE tenant_id = ?").param(tenantId)
                .query(String.class).single()).isEqualTo("kt");
        assertThat(connections.find(tenantId, "stripe").orElseThrow().secrets()).isEqualTo(Map.of("webhookSecret", "whsec_rotated"));
    }
}
