package io.switchboard.platform.tenancy;

import io.switchboard.platform.database.Placements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Creates and migrates tenant schemas with Flyway from {@code db/tenant}. The newest migration version is
 * stored on the tenant row, so a start-up with many tenants migrates only the schemas that are behind.
 */
@Component
public class TenantSchemaMigrator {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9_.]+)__.*\\.sql");

    private final Placements placements;
    private final String latestVersion;

    public TenantSchemaMigrator(Placements placements) {
        this.placements = placements;
        this.latestVersion = findLatestVersion();
    }

    /** The newest migration on the class path, for example {@code 3}. */
    public String latestVersion() {
        return latestVersion;
    }

    /** Creates the schema if needed and applies pending migrations. */
    public void migrate(String placement, String schema) {
        Flyway.configure()
                .dataSource(placements.get(placement).dataSource())
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/tenant")
                .load()
                .migrate();
    }

    private static String findLatestVersion() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/tenant/V*__*.sql");
            return Arrays.stream(resources)
                    .map(Resource::getFilename)
                    .map(VERSIONED::matcher)
                    .filter(Matcher::matches)
                    .map(m -> MigrationVersion.fromVersion(m.group(1).replace('_', '.')))
                    .max(Comparator.naturalOrder())
                    .map(MigrationVersion::getVersion)
                    .orElseThrow(() -> new IllegalStateException("no tenant migrations on the class path"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
