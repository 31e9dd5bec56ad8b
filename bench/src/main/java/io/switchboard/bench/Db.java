package io.switchboard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct SQL on the shared PostgreSQL, for what no API does at benchmark speed: loading a backlog, counting the
 * queue, reading receipt-to-commit times, counting server connections. Schemas come from platform.tenants.
 */
final class Db {

    private final String url;

    Db(String url) {
        this.url = url;
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** Server connections opened by clients that gave this application name. */
    int connections(String applicationName) throws SQLException {
        try (Connection c = open(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, applicationName);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** PostgreSQL's WAL counters since start: records, full-page images, bytes (pg_stat_wal). */
    long[] wal() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    String schemaOf(Connection c, String slug) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT schema_name FROM platform.tenants WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no tenant " + slug);
                }
                return rs.getString(1);
            }
        }
    }

    long tenantId(Connection c, String slug) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM platform.tenants WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Stores perTenant verified checkout deliveries per tenant and their queue entries, in ONE transaction, as
     * ingress would have; the workers see the whole backlog at the commit.
     *
     * @return the commit time
     */
    Timestamp loadDeliveryBacklog(List<String> slugs, int perTenant, SignedWebhooks webhooks) throws SQLException {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            for (String slug : slugs) {
                String schema = schemaOf(c, slug);
                long first = webhooks.reserve(perTenant);
                // into the intake, as the webhook path stores them: the drain includes their move into the inbox
                try (PreparedStatement s = c.prepareStatement("WITH d AS (INSERT INTO queue.intake "
                        + "(tenant_id, provider, dedupe_key, event_type, occurred_at, headers, body) "
                        + "SELECT ?, 'stripe', 'evt_bench_' || n, 'checkout.session.completed', now(), "
                        + "'{\"content-type\":\"application/json\"}'::jsonb, convert_to(replace(?, '{n}', n::text), 'UTF8') "
                        + "FROM generate_series(?::bigint, ?::bigint) AS n RETURNING id, tenant_id) "
                        + "INSERT INTO queue.work_items (kind, tenant_id, item_id) SELECT 'INTAKE', tenant_id, id FROM d")) {
                    s.setLong(1, tenantId(c, slug));
                    s.setString(2, webhooks.template());
                    s.setLong(3, first);
                    s.setLong(4, first + perTenant - 1);
                    s.executeUpdate();
                }
            }
            c.commit();
            return now(c);
        }
    }

    /**
     * Queues perTenant SMS per tenant (template payment.confirmed) and puts one recipient in ten on the tenant's
     * suppression list, hashed as the platform hashes it, in one transaction.
     */
    Timestamp loadMessageBacklog(List<String> slugs, int perTenant) throws SQLException {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            for (int t = 0; t < slugs.size(); t++) {
                String slug = slugs.get(t);
                String schema = schemaOf(c, slug);
                String recipient = "'+3361' || lpad((" + t + " * 1000000 + n)::text, 7, '0')";
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO " + schema + ".suppressions (channel, address_hash, reason) "
                            + "SELECT 'SMS', encode(sha256(convert_to('" + slug + "' || E'\\n' || " + recipient
                            + ", 'UTF8')), 'hex'), 'STOP' FROM generate_series(1, " + perTenant + ") AS n WHERE n % 10 = 0");
                    s.executeUpdate("WITH m AS (INSERT INTO " + schema + ".messages (channel, recipient, template_key, "
                            + "variables, dedupe_key, idempotency_key) SELECT 'SMS', " + recipient + ", 'payment.confirmed', "
                            + "'{\"payment\":{\"amount\":4500,\"currency\":\"eur\"}}'::jsonb, 'bench:' || n, 'sb-bench-' || n "
                            + "FROM generate_series(1, " + perTenant + ") AS n RETURNING id) "
                            + "INSERT INTO queue.work_items (kind, tenant_id, item_id) SELECT 'MESSAGE', "
                            + tenantId(c, slug) + ", id FROM m");
                }
            }
            c.commit();
            return now(c);
        }
    }

    /** Whether any queue entry of the kind is left: cheap enough to ask every second while the platform works. */
    boolean anyQueued(String... kinds) throws SQLException {
        try (Connection c = open(); PreparedStatement s = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM queue.work_items WHERE kind = ANY(?))")) {
            s.setArray(1, c.createArrayOf("text", kinds));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Autovacuum workers at work now. */
    int autovacuumWorkers() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Queue entries of a kind, counted through the queue's (kind, tenant, item) index rather than by reading the whole
     * table, which after a backlog is many times larger than its few entries: sampled every 200 ms during the steady
     * runs, that count was up to a fifth of PostgreSQL's statement time there.
     */
    long queued(String... kinds) throws SQLException {
        try (Connection c = open(); Statement off = c.createStatement(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM queue.work_items WHERE kind = ANY(?)")) {
            off.execute("SET enable_seqscan = off");
            s.setArray(1, c.createArrayOf("text", kinds));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Drops every queue entry (between phases, so one phase's leftovers do not load the next). */
    void clearQueue() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM queue.work_items");
            s.executeUpdate("DELETE FROM queue.intake");
            s.execute("VACUUM ANALYZE queue.work_items, queue.intake");
        }
    }

    /** Per-row values of one query run in each tenant's schema ({schema} replaced), as doubles. */
    List<double[]> perTenant(List<String> slugs, String sql) throws SQLException {
        List<double[]> rows = new ArrayList<>();
        try (Connection c = open()) {
            for (String slug : slugs) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(sql.replace("{schema}", schemaOf(c, slug)))) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        double[] row = new double[columns];
                        for (int i = 0; i < columns; i++) {
                            row[i] = rs.getDouble(i + 1);
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    /** One text value from the shared database. */
    String text(String sql) throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** One number from the shared database. */
    double scalar(String sql) throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    void execute(String sql) {
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements that took most of the server's time since the last reset, then resets the counts. */
    private static final String NORMALISED =
            "regexp_replace(regexp_replace(query, '\\s+', ' ', 'g'), '\"tenant_[a-z0-9_]+\"', '\"tenant_*\"', 'g')";

    /**
     * Turns pg_stat_statements' tracking on or off for every session. Its cost is not flat: each distinct statement
     * gets an entry, and a statement naming other tenants' tables is a distinct statement, so with many tenants it
     * evicts entries and rewrites its query-text file all the time. Runs compared with each other are measured with
     * tracking off, and the statement breakdown comes from a run of its own.
     */
    void trackStatements(boolean on) {
        execute("ALTER SYSTEM SET pg_stat_statements.track = '" + (on ? "top" : "none") + "'");
        execute("SELECT pg_reload_conf()");
    }

    List<java.util.Map<String, Object>> topStatements(int limit) throws SQLException {
        List<java.util.Map<String, Object>> out = new ArrayList<>();
        try (Connection c = open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                // one entry per statement text: each tenant schema has its own entries for the same statement
                // and statements that name a tenant's schema are one entry too, whatever the tenant
                "SELECT sum(calls) AS calls, sum(total_exec_time) AS total_exec_time, sum(total_plan_time) AS total_plan_time, "
                + NORMALISED + " AS query, 100 * sum(total_exec_time + total_plan_time) / "
                + "sum(sum(total_exec_time + total_plan_time)) OVER () AS share FROM pg_stat_statements "
                + "WHERE query NOT LIKE '%pg_stat_statements%' GROUP BY " + NORMALISED + " "
                + "ORDER BY sum(total_exec_time + total_plan_time) DESC LIMIT " + limit)) {
            while (rs.next()) {
                String q = rs.getString("query");
                out.add(new java.util.LinkedHashMap<>(java.util.Map.of(
                        "calls", rs.getLong("calls"),
                        "execMs", Stats.round(rs.getDouble("total_exec_time")),
                        "planMs", Stats.round(rs.getDouble("total_plan_time")),
                        "sharePercent", Stats.round(rs.getDouble("share")),
                        "query", q.length() > 160 ? q.substring(0, 160) + "…" : q)));
            }
        }
        execute("SELECT pg_stat_statements_reset()");
        return out;
    }

    /** The database's clock, which stamps received_at and processed_at. */
    Timestamp now() throws SQLException {
        try (Connection c = open()) {
            return now(c);
        }
    }

    private static Timestamp now(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }
}
