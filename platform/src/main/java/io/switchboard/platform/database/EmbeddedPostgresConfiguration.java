package io.switchboard.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.platform.config.SwitchboardProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL (embedded binaries from Maven Central) when no {@code spring.datasource.url} is
 * configured, keeping its data in {@code <data-dir>/postgres} so that one command runs the product and a
 * restart keeps its data. It runs with {@code fsync} and {@code synchronous_commit} on, so that a commit, and the
 * 200 a provider gets after it, survives an OS crash too.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseUrlCondition.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(SwitchboardProperties properties) throws IOException {
        Path dir = properties.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300")
                // The embedded build starts PostgreSQL with fsync off (-F), fine for tests but not for a product
                // whose 200 promises the webhook is durable: an OS crash or power cut would lose acknowledged rows.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dir);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("switchboard-main");
        return dataSource;
    }
}
