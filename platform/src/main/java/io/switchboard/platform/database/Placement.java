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
 */
public record Placement(String name, DataSource dataSource, JdbcClient jdbc, TransactionTemplate tx) {}
