package io.switchboard.connector.testkit;

/**
 * Contexts that differ from a configured one in a single respect: another tenant with other secrets, a
 * connection with a field left out. The clock, the API base URL and the other fields are kept, so whatever
 * the connector answers differently is due to that one difference.
 */
final class ContextVariants {

    /** Prefixed to each secret to make another tenant's: never equal, and not a zero-padding of the key. */
    static final String OTHER_TENANT_PREFIX = "another-tenant-";
    /** The slug of the other tenant. */
    static final String OTHER_TENANT = "contract-other-tenant";

    private ContextVariants() {}

    /** The configuration of another tenant: same settings, every secret replaced by a different value. */
    static FakeConnectorContext.Builder otherTenant(FakeConnectorContext.Builder configured) {
        FakeConnectorContext reference = configured.build();
        configured.tenant(OTHER_TENANT);
        reference.config().secrets().forEach((name, value) -> configured.secret(name, OTHER_TENANT_PREFIX + value));
        return configured;
    }

    /** The context's configuration without one setting or secret. */
    static FakeConnectorContext without(FakeConnectorContext context, String field) {
        FakeConnectorContext.Builder builder = sameTenantAndEnvironment(context);
        context.config().settings().forEach((name, value) -> {
            if (!name.equals(field)) {
                builder.setting(name, value);
            }
        });
        context.config().secrets().forEach((name, value) -> {
            if (!name.equals(field)) {
                builder.secret(name, value);
            }
        });
        return builder.build();
    }

    /** The context's settings only: a connection whose secrets were never entered. */
    static FakeConnectorContext withoutSecrets(FakeConnectorContext context) {
        FakeConnectorContext.Builder builder = sameTenantAndEnvironment(context);
        context.config().settings().forEach(builder::setting);
        return builder.build();
    }

    private static FakeConnectorContext.Builder sameTenantAndEnvironment(FakeConnectorContext context) {
        return FakeConnectorContext.builder()
                .tenant(context.tenant())
                .clock(context.clock())
                .apiBaseUrl(context.apiBaseUrl().toString());
    }
}
