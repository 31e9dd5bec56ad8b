package io.switchboard.platform.tenancy;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one business a self-hosted platform can be set up for from its environment (single-business mode):
 * {@code switchboard.default-tenant.slug}, {@code .name} and {@code .stripe-webhook-secret}. The variables
 * the original single-business setup used, {@code SWITCHBOARD_DEFAULT_TENANT} and
 * {@code STRIPE_WEBHOOK_SECRET}, are honoured too, since relaxed binding cannot derive those names from the
 * properties. Values are read from the environment on every call rather than bound once.
 */
@Component
public class DefaultTenantSettings {

    static final String SLUG = "switchboard.default-tenant.slug";
    static final String NAME = "switchboard.default-tenant.name";
    static final String STRIPE_WEBHOOK_SECRET = "switchboard.default-tenant.stripe-webhook-secret";

    private final Environment environment;

    public DefaultTenantSettings(Environment environment) {
        this.environment = environment;
    }

    /** The default tenant's slug; empty when the platform is not in single-business mode. */
    public Optional<String> slug() {
        return value(SLUG, "SWITCHBOARD_DEFAULT_TENANT");
    }

    /** Its display name, the slug when none is set. */
    public String name() {
        return value(NAME, "SWITCHBOARD_DEFAULT_TENANT_NAME").or(this::slug).orElse("");
    }

    /** The signing secret of its Stripe webhook endpoint, when set. */
    public Optional<String> stripeWebhookSecret() {
        return value(STRIPE_WEBHOOK_SECRET, "STRIPE_WEBHOOK_SECRET");
    }

    private Optional<String> value(String property, String seedVariable) {
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            value = environment.getProperty(seedVariable);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
