package io.switchboard.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import io.switchboard.platform.config.SwitchboardProperties;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL servers tenants are placed on: {@code main} (the platform's own database) and any extra
 * servers configured under {@code switchboard.placements}. At start-up the main one gets the platform schema
 * and every one the work queue schema.
 */
@Component
public class Placements implements DisposableBean {

    public static final String MAIN = "main";

    /** Connections of each placement's pool for storing webhooks: one statement at a time is written (ADR 13). */
    static final int INGEST_POOL_SIZE = 2;

    private final Map<String, Placement> byName = new LinkedHashMap<>();
    private final List<HikariDataSource> ingestPools = new ArrayList<>();
    private final SwitchboardProperties properties;

    public Placements(DataSource mainDataSource, SwitchboardProperties properties) {
        this.properties = properties;
        byName.put(MAIN, create(MAIN, mainDataSource));
        properties.placements().forEach((name, config) -> {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(config.url());
            dataSource.setUsername(config.username());
            dataSource.setPassword(config.password());
            dataSource.setPoolName("switchboard-" + name);
            dataSource.setMaximumPoolSize(20);
            dataSource.setConnectionTimeout(2000);
            byName.put(name, create(name, dataSource));
        });
        migrate(byName.get(MAIN).dataSource(), "platform", "classpath:db/platform");
        byName.values().forEach(p -> migrate(p.dataSource(), "queue", "classpath:db/queue"));
        if (!byName.containsKey(properties.defaultPlacement())) {
            throw new IllegalStateException("switchboard.default-placement names an unknown placement: "
                    + properties.defaultPlacement());
        }
    }

    private Placement create(String name, DataSource dataSource) {
        return new Placement(name, dataSource, JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                JdbcClient.create(ingestPool(name, dataSource)));
    }

    /**
     * A second, small pool on the same server with the same settings. With 1,000 tenants, webhooks spread over
     * the main pool's 20 connections made each server process build its own cache of every tenant's inbox tables
     * and indexes, which cost PostgreSQL several times the statement itself until all 20 had seen all tenants.
     */
    private DataSource ingestPool(String name, DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource main)) {
            return dataSource;
        }
        HikariDataSource pool = new HikariDataSource();
        main.copyStateTo(pool);
        pool.setPoolName("switchboard-ingest-" + name);
        pool.setMaximumPoolSize(INGEST_POOL_SIZE);
        pool.setMinimumIdle(1);
        ingestPools.add(pool);
        return pool;
    }

    /** Migrations run here, before any bean can touch the database, rather than by Boot's auto-configuration. */
    private static void migrate(DataSource dataSource, String schema, String location) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations(location)
                .load()
                .migrate();
    }

    /** The placement of that name. */
    public Placement get(String name) {
        Placement placement = byName.get(name);
        if (placement == null) {
            throw new IllegalArgumentException("unknown placement " + name);
        }
        return placement;
    }

    /** The placement of that name, if configured. */
    public java.util.Optional<Placement> find(String name) {
        return java.util.Optional.ofNullable(byName.get(name));
    }

    /** The placement new tenants get. */
    public Placement forNewTenant() {
        return get(properties.defaultPlacement());
    }

    /** The platform's own database. */
    public Placement main() {
        return byName.get(MAIN);
    }

    /** Every placement. */
    public Collection<Placement> all() {
        return byName.values();
    }

    @Override
    public void destroy() {
        ingestPools.forEach(HikariDataSource::close);
        byName.values().stream()
                .filter(p -> !MAIN.equals(p.name()))
                .map(Placement::dataSource)
                .filter(HikariDataSource.class::isInstance)
                .forEach(ds -> ((HikariDataSource) ds).close());
    }
}
