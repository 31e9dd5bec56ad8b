package io.switchboard.platform.tenancy;

import java.time.Instant;

/**
 * A business onboarded on the platform.
 *
 * @param id the platform's id
 * @param slug the validated slug used in URLs
 * @param name the display name
 * @param schema its PostgreSQL schema, derived from the slug
 * @param status ACTIVE or SUSPENDED
 * @param placement the database server holding its schema
 * @param retentionDays how long raw webhook bodies are kept
 * @param createdAt when it was onboarded
 */
public record Tenant(
        long id, String slug, String name, String schema, String status, String placement, int retentionDays,
        Instant createdAt) {

    /** Whether it receives webhooks and runs work. */
    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
