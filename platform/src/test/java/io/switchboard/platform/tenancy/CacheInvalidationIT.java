package io.switchboard.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.database.CacheInvalidation;
import io.switchboard.platform.support.PlatformIT;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant or connection changed outside this node (another node, an operator's SQL) reaches this node's caches
 * when the change commits, well before the few seconds an unheard cache entry may live; and the listener survives
 * losing its connection, forgetting on its return whatever it may have missed.
 */
class CacheInvalidationIT extends PlatformIT {

    /** Shorter than the 5 s an entry lives when changes are not heard: only a notification can pass in time. */
    private static final Duration IN_TIME = Duration.ofSeconds(2);

    @Autowired
    TenantRegistry tenants;

    @Autowired
    ConnectionStore connections;

    @Autowired
    CacheInvalidation invalidation;

    @Test
    void aChangeMadeStraightInTheDatabaseEvictsTheCachedRowsAtOnce() {
        Tenant tenant = connectedTenant("cache");
        awaitListening();
        assertThat(connections.find(tenant.id(), "stripe")).get().extracting(Connection::enabled).isEqualTo(true);
        assertThat(tenants.find(tenant.slug())).get().extracting(Tenant::name).isEqualTo(tenant.name());

        // as another node would do it
        db().sql("UPDATE platform.connections SET enabled = false WHERE tenant_id = ? AND provider = 'stripe'")
                .param(tenant.id()).update();
        db().sql("UPDATE platform.tenants SET name = 'Renamed elsewhere' WHERE id = ?").param(tenant.id()).update();

        Awaitility.await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(connections.find(tenant.id(), "stripe")).get().extracting(Connection::enabled).isEqualTo(false);
            assertThat(tenants.find(tenant.slug())).get().extracting(Tenant::name).isEqualTo("Renamed elsewhere");
            assertThat(tenants.findById(tenant.id())).get().extracting(Tenant::name).isEqualTo("Renamed elsewhere");
        });
    }

    @Test
    void aDeletedConnectionIsForgottenAndANewTenantFoundAtOnce() {
        Tenant tenant = connectedTenant("cache-del");
        awaitListening();
        String later = uniqueSlug("cache-later");
        assertThat(tenants.find(later)).isEmpty();
        assertThat(connections.find(tenant.id(), "stripe")).isPresent();

        db().sql("DELETE FROM platform.connections WHERE tenant_id = ? AND provider = 'stripe'").param(tenant.id()).update();
        onboard(later); // the slug is remembered as unknown: onboarding evicts nothing, the notification does

        Awaitility.await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(connections.find(tenant.id(), "stripe")).isEmpty();
            assertThat(tenants.find(later)).isPresent();
        });
    }

    @Test
    void theListenerComesBackAfterItsConnectionIsKilledAndHearsChangesAgain() {
        Tenant tenant = connectedTenant("cache-kill");
        awaitListening();
        int killed = db().sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN "
                + "switchboard_cache%' OR (application_name = 'switchboard-cache-listener' AND pid <> pg_backend_pid())")
                .query(Integer.class).single();
        assertThat(killed).as("listener connections terminated").isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> db().sql("SELECT count(*) FROM pg_stat_activity "
                + "WHERE query LIKE 'LISTEN switchboard_cache%' OR query = 'SELECT 1' AND application_name = "
                + "'switchboard-cache-listener'").query(Integer.class).single() == 1 && invalidation.live());
        assertThat(connections.find(tenant.id(), "stripe")).get().extracting(Connection::enabled).isEqualTo(true);

        db().sql("UPDATE platform.connections SET enabled = false WHERE tenant_id = ? AND provider = 'stripe'")
                .param(tenant.id()).update();

        Awaitility.await().atMost(IN_TIME).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(connections.find(tenant.id(), "stripe")).get().extracting(Connection::enabled).isEqualTo(false));
    }

    private Tenant connectedTenant(String prefix) {
        String slug = onboard(uniqueSlug(prefix));
        connect(slug, "stripe", Map.of(), Map.of("webhookSecret", "whsec_" + slug));
        return tenants.find(slug).orElseThrow();
    }

    private void awaitListening() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(invalidation::live);
    }
}
