package io.switchboard.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processes under test, all on loopback: one PostgreSQL (the embedded build the platform itself uses by
 * default, with the platform's settings) shared by the platform jar and the baseline app, each a JVM of its
 * own with the same options, plus the fake SMS provider.
 */
final class Harness implements AutoCloseable {

    /** Free loopback ports, chosen at start: other programs on a shared machine hold the usual ones. */
    static final int PLATFORM_PORT = freePort();
    static final int BASELINE_PORT = freePort();
    static final int OTHER_PORT = freePort();
    static final String PLATFORM_APP = "switchboard-bench";
    static final String BASELINE_APP = "bench-baseline";
    static final String ADMIN_ID = "bench-admin";
    static final String ADMIN_SECRET = "bench-admin-secret-0123456789abcdef";

    final Path repo;
    final Path work;
    final EmbeddedPostgres postgres;
    final Db db;
    final FakeSmsProvider sms;
    final Cpu cpu = new Cpu();
    Server platform;
    Server baseline;
    /** A second platform jar, in comparisons. */
    Server other;

    Harness(Path repo, Path work) throws IOException {
        this.repo = repo;
        this.work = work;
        Path data = work.resolve("postgres");
        Files.createDirectories(data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "300")
                .setServerConfig("synchronous_commit", "on")
                // the embedded build turns fsync off by default; an acknowledged webhook must survive a crash
                .setServerConfig("fsync", "on")
                // where PostgreSQL's time goes, per statement; the same small cost for the platform and the baseline
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("shared_buffers", System.getProperty("bench.sharedBuffers", "128MB"));
        // other server settings for an experiment, over the ones above: -Dbench.postgresConfig=name=value,name=value
        for (String setting : System.getProperty("bench.postgresConfig", "").split(",")) {
            if (!setting.isBlank()) {
                builder.setServerConfig(setting.substring(0, setting.indexOf('=')).trim(),
                        setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        postgres = builder.start();
        db = new Db(jdbcUrl("bench-harness"));
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        sms = new FakeSmsProvider();
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        cpu.track("platform", () -> platform == null ? List.of() : List.of(platform.pid()));
        cpu.track("other", () -> other == null ? List.of() : List.of(other.pid()));
        cpu.track("baseline", () -> baseline == null ? List.of() : List.of(baseline.pid()));
        cpu.trackWithChildren("postgres", postmaster);
        cpu.track("postgresBackground", () -> Cpu.background(Cpu.withChildren(postmaster)));
        cpu.trackReaped("postgresExited", postmaster);
        cpu.track("bench", () -> List.of(ProcessHandle.current().pid()));
    }

    String jdbcUrl(String applicationName) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?ApplicationName=" + applicationName;
    }

    String platformUrl() {
        return "http://127.0.0.1:" + PLATFORM_PORT;
    }

    String baselineUrl() {
        return "http://127.0.0.1:" + BASELINE_PORT;
    }

    /** Starts the platform jar as an operator would, against the shared PostgreSQL. */
    Server startPlatform(boolean processing) throws IOException, InterruptedException {
        String jar = System.getProperty("bench.platformJar", repo.resolve("platform/target/switchboard-platform.jar").toString());
        platform = startPlatform(jar, PLATFORM_PORT, "postgres", work.resolve("platform-data"), processing, "platform.log");
        return platform;
    }

    /** Starts a platform jar on its own port, database and data folder. */
    Server startPlatform(String jar, int port, String database, Path dataDir, boolean processing, String log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(Server.JVM_OPTIONS);
        command.addAll(List.of("-jar", jar,
                "--server.address=127.0.0.1",
                "--switchboard.processing.enabled=" + processing,
                "--switchboard.connectors.sms.api-base-url=" + sms.baseUrl(),
                "--switchboard.connectors.sms.allow-private-network=true"));
        String extra = System.getProperty("bench.platformArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        String url = jdbcUrl(PLATFORM_APP).replace("/postgres?", "/" + database + "?");
        Map<String, String> env = Map.of(
                "SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "",
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_PLUGINS_DIR", repo.resolve("plugins").toString(),
                "SWITCHBOARD_ADMIN_CLIENT_ID", ADMIN_ID,
                "SWITCHBOARD_ADMIN_CLIENT_SECRET", ADMIN_SECRET,
                "SWITCHBOARD_PUBLIC_BASE_URL", "http://127.0.0.1:" + port,
                "PORT", Integer.toString(port));
        return Server.start("platform", command, env, work.resolve(log),
                "http://127.0.0.1:" + port + "/actuator/health/readiness", true, Duration.ofMinutes(5));
    }

    void stopPlatform() throws InterruptedException {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    /** Starts the baseline app from this harness's own class path, same JVM options and pool size. */
    Server startBaseline() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(Server.JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.switchboard.bench.baseline.BaselineApplication",
                "--server.port=" + BASELINE_PORT,
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + jdbcUrl(BASELINE_APP),
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.maximum-pool-size=20",
                "--spring.datasource.hikari.connection-timeout=2000",
                "--server.tomcat.threads.max=200"));
        baseline = Server.start("baseline", command, Map.of(), work.resolve("baseline.log"),
                baselineUrl() + "/", false, Duration.ofMinutes(3));
        return baseline;
    }

    Api api() {
        return new Api(platformUrl(), ADMIN_ID, ADMIN_SECRET);
    }

    Api api(int port) {
        return new Api("http://127.0.0.1:" + port, ADMIN_ID, ADMIN_SECRET);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws Exception {
        stopPlatform();
        if (baseline != null) {
            baseline.close();
        }
        if (other != null) {
            other.close();
        }
        sms.close();
        postgres.close();
    }
}
