package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantRegistry;
import org.springframework.stereotype.Component;

/** Resolves the {@code {tenant}} path segment of API routes. */
@Component
public class TenantPaths {

    private final TenantRegistry registry;

    TenantPaths(TenantRegistry registry) {
        this.registry = registry;
    }

    /** The tenant, or a 404 problem. */
    public Tenant require(String slug) {
        return registry.find(slug).orElseThrow(() -> ApiException.notFound("tenant " + slug));
    }
}
