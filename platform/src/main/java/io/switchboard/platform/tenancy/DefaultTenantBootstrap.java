package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.Placements;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single-business mode at start-up: when {@link DefaultTenantSettings} name a tenant, it is onboarded if
 * missing, and its Stripe connection gets the configured webhook signing secret (created, or updated when the
 * secret changed). Runs before the web server takes requests, after every tenant schema is migrated; safe to
 * run on every start and on several nodes at once.
 */
@Component
public class DefaultTenantBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DefaultTenantBootstrap.class);
    private static final String STRIPE = "stripe";
    private static final String WEBHOOK_SECRET = "webhookSecret";

    private final DefaultTenantSettings settings;
    private final TenantOnboarding onboarding;
    private final TenantRegistry registry;
    private final ConnectionStore connections;
    private final TenantDatabase database;
    private final JdbcClient platform;
    private final JsonMapper json;

    // TenantOnboarding is a dependency on purpose as well: it migrates existing schemas when it starts.
    public DefaultTenantBootstrap(DefaultTenantSettings settings, TenantOnboarding onboarding, TenantRegistry registry,
            ConnectionStore connections, TenantDatabase database, Placements placements, JsonMapper json) {
        this.settings = settings;
        this.onboarding = onboarding;
        this.registry = registry;
        this.connections = connections;
        this.database = database;
        this.platform = placements.main().jdbc();
        this.json = json;
    }

    @Override
    public void afterPropertiesSet() {
        settings.slug().ifPresent(slug -> apply(slug, settings.name(), settings.stripeWebhookSecret().orElse("")));
    }

    /**
     * Makes sure the tenant exists and, when a secret is given, that its Stripe connection verifies with it.
     * An existing tenant keeps its name and status; an existing connection keeps its settings, its other
     * secrets and whether it is enabled.
     *
     * @param slug the tenant's slug
     * @param name its display name, used only when it is onboarded now
     * @param stripeWebhookSecret the Stripe endpoint's signing secret, or blank to leave Stripe alone
     * @return the tenant
     * @throws IllegalStateException when the slug is not a valid tenant slug (the platform does not start)
     */
    public Tenant apply(String slug, String name, String stripeWebhookSecret) {
        if (!TenantSlug.isValid(slug)) {
            throw new IllegalStateException("The default tenant slug must match ^[a-z][a-z0-9-]{2,39}$ without a"
                    + " trailing or double dash; check SWITCHBOARD_DEFAULT_TENANT");
        }
        Tenant tenant = ensureTenant(slug, name == null || name.isBlank() ? slug : name.trim());
        if (!tenant.isActive()) {
            log.warn("Default tenant {} is {}: it receives no webhooks until it is active again", slug, tenant.status());
        }
        if (stripeWebhookSecret != null && !stripeWebhookSecret.isBlank()) {
            configureStripe(tenant, stripeWebhookSecret.trim());
        }
        return tenant;
    }

    private Tenant ensureTenant(String slug, String name) {
        Optional<Long> id = tenantId(slug);
        if (id.isEmpty()) {
            try {
                Tenant tenant = onboarding.onboard(slug, name);
                audit(tenant, "tenant.create", "tenants/" + slug, Map.of("name", name));
                log.info("Default tenant {} onboarded from the environment", slug);
                return tenant;
            } catch (TenantOnboarding.TenantExistsException e) {
                id = tenantId(slug); // another node starting at the same time onboarded it first
            }
        }
        return registry.findById(id.orElseThrow()).orElseThrow();
    }

    private void configureStripe(Tenant tenant, String secret) {
        Optional<Connection> existing = connections.find(tenant.id(), STRIPE);
        if (existing.isPresent() && secret.equals(existing.get().secrets().get(WEBHOOK_SECRET))) {
            return;
        }
        connections.save(tenant.id(), STRIPE, existing.map(Connection::enabled).orElse(true),
                existing.map(Connection::settings).orElse(Map.of()), Map.of(WEBHOOK_SECRET, secret), null);
        audit(tenant, "connection.put", "connections/" + STRIPE, Map.of("secretsChanged", List.of(WEBHOOK_SECRET)));
        log.info("Stripe webhook secret of default tenant {} {} from the environment", tenant.slug(),
                existing.isPresent() ? "updated" : "configured");
    }

    // Looked up directly rather than through the registry, whose cache may still remember "no such tenant".
    private Optional<Long> tenantId(String slug) {
        return platform.sql("SELECT id FROM platform.tenants WHERE slug = ?").param(slug).query(Long.class).optional();
    }

    private void audit(Tenant tenant, String action, String resource, Map<String, Object> details) {
        database.runInTenant(tenant, jdbc -> jdbc.sql(
                        "INSERT INTO audit_log (actor, action, resource, details) VALUES ('environment', ?, ?, ?::jsonb)")
                .params(action, resource, json.writeValueAsString(details)).update());
    }
}
