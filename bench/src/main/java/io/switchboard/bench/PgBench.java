package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical limit: PostgreSQL alone committing one INSERT of the same ~4 KB webhook body per transaction
 * (pgbench, 16 clients, prepared statements), on the server the platform and the baseline use.
 */
final class PgBench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Harness harness;
    private final Path script;

    PgBench(Harness harness, SignedWebhooks webhooks) throws IOException, SQLException {
        this.harness = harness;
        this.script = harness.work.resolve("pgbench-insert.sql");
        Files.writeString(script, "INSERT INTO bench_pgbench.rows (body) SELECT body FROM bench_pgbench.body;\n");
        try (Connection c = harness.db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench_pgbench");
            s.execute("CREATE TABLE IF NOT EXISTS bench_pgbench.rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "body bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE IF NOT EXISTS bench_pgbench.body (body bytea NOT NULL)");
            s.execute("TRUNCATE bench_pgbench.body");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_pgbench.body (body) VALUES (?)")) {
                p.setBytes(1, webhooks.body(1).getBytes(StandardCharsets.UTF_8));
                p.executeUpdate();
            }
        }
    }

    /** Transactions per second of one run. */
    double run(int seconds) throws IOException, InterruptedException {
        List<String> command = List.of("pgbench", "-n", "-M", "prepared", "-c", "16", "-j", "2", "-T",
                Integer.toString(seconds), "-f", script.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(harness.postgres.getPort()), "-U", "postgres", "postgres");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = TPS.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench gave no tps:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
