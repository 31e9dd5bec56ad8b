package io.switchboard.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A pooled connection never carries one tenant's schema to the next borrower. */
class SchemaIsolationIT extends PlatformIT {

    @Autowired
    TenantDatabase database;

    @Autowired
    TenantRegistry tenants;

    @Test
    void theSearchPathEndsWithTheTransaction() {
        Tenant tenant = tenants.find(onboard(uniqueSlug("isolated"))).orElseThrow();
        Set<String> inside = new HashSet<>();
        Set<String> outside = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            inside.add(database.inTenant(tenant, jdbc -> jdbc.sql("SHOW search_path").query(String.class).single()));
            outside.add(db().sql("SHOW search_path").query(String.class).single());
        }

        assertThat(inside).containsExactly(tenant.schema() + ", public");
        assertThat(outside).noneMatch(path -> path.contains("tenant_"));
        assertThat(db().sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'deliveries' AND table_schema = current_schema()")
                .query(Long.class).single()).as("no tenant table is visible outside a tenant transaction").isZero();
    }
}
