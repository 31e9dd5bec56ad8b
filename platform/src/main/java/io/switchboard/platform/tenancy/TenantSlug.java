package io.switchboard.platform.tenancy;

import java.util.regex.Pattern;

/** Validates tenant slugs and derives schema names from them; raw input never becomes a schema name. */
public final class TenantSlug {

    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{2,39}$");

    private TenantSlug() {}

    /** Whether the text is a well-formed slug. */
    public static boolean isValid(String slug) {
        return slug != null && SLUG.matcher(slug).matches() && !slug.endsWith("-") && !slug.contains("--");
    }

    /**
     * The schema for a valid slug: {@code tenant_} and the slug with dashes as underscores (slugs have no
     * underscores, so the mapping is one-to-one).
     *
     * @throws IllegalArgumentException for an invalid slug
     */
    public static String schemaFor(String slug) {
        if (!isValid(slug)) {
            throw new IllegalArgumentException("invalid tenant slug");
        }
        return "tenant_" + slug.replace('-', '_');
    }
}
