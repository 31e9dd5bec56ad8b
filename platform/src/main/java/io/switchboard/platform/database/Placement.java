package io.switchboard.platform.database;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One PostgreSQL server that holds tenant schemas and its own work queue.
 *
 * @param name the placement's name, stored on each tenant
 * @param dataSource its connection pool
 * @param jdbc a client over the pool
 * @param tx transactions on the pool
 * @param ingest a client over the placement's small pool for storing webhooks: their statements run on one or
 *     two server processes, which keep every tenant's inbox tables cached, instead of on any of the pool's (ADR 13)
 */
public record Placement(String name, DataSource dataSource, JdbcClient jdbc, TransactionTemplate tx, JdbcClient ingest) {}
