package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark phase against the platform jar and writes bench/results/latest.{md,json}
 * ({@code --quick}: a small run written to bench/results/tmp instead). Started by bench/run.sh.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        // --ingest-only: pgbench and the ingest figures alone, for working on the ingest path
        boolean ingestOnly = List.of(args).contains("--ingest-only");
        // --processing-only: the backlog, steady-rate and dispatch figures alone, for working on processing
        boolean processingOnly = List.of(args).contains("--processing-only");
        // --scale-only: onboarding and the spread-over-every-tenant figures alone, for working on tenant scale
        boolean scaleOnly = List.of(args).contains("--scale-only");
        Settings settings = quick ? Settings.quick() : Settings.full();
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        Path results = repo.resolve("bench/results");
        Path work = results.resolve("tmp");
        Files.createDirectories(work);
        Report report = new Report();
        long started = System.nanoTime();
        Map<String, Object> run = report.section("run");
        run.put("settings", settings.name());
        run.put("startedAt", Instant.now().toString());
        run.put("machine", Machine.describe());
        run.put("loadAverageAtStart", Machine.loadAverage());
        SignedWebhooks webhooks = new SignedWebhooks(repo.resolve("fixtures/stripe/checkout_session_completed_payment_link.json"));
        try (Harness harness = new Harness(repo, work)) {
            run.put("postgres", harness.db.text("SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync '"
                    + " || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')"
                    + " || ', wal_sync_method ' || current_setting('wal_sync_method') || ', shared_buffers '"
                    + " || current_setting('shared_buffers') || ', max_files_per_process ' || current_setting('max_files_per_process')"));
            Wrk wrk = new Wrk(work, harness.cpu);
            Log.info("pgbench: PostgreSQL alone, one ~4 KB INSERT per transaction");
            PgBench pgbench = new PgBench(harness, webhooks);
            List<Double> tps = new ArrayList<>();
            for (int r = 0; r < (scaleOnly ? 0 : settings.repeats()); r++) {
                tps.add(pgbench.run(settings.wrkSeconds()));
                Log.info("  %.0f commits/s", tps.get(r));
            }
            double pgTps = Stats.median(tps);

            Server baseline = harness.startBaseline();
            if (processingOnly) {
                harness.startPlatform(true);
                new TenantScalePhase(harness, settings, null).onboard(TenantScalePhase.slugs(1, settings.backlogTenants()));
                processingPhases(harness, settings, webhooks, report, work, pgTps, Double.NaN, Double.NaN);
                Summary.write(report, settings, work.resolve("latest.md"), work.resolve("latest.json"));
                return;
            }
            if (scaleOnly) {
                harness.startPlatform(false);
                IngestPhase ingest = new IngestPhase(harness, settings, webhooks, wrk);
                TenantScalePhase scale = new TenantScalePhase(harness, settings, ingest);
                List<String> all = TenantScalePhase.slugs(1, settings.tenants());
                scale.onboard(all);
                int connections = Integer.getInteger("bench.connections", 32);
                for (int i = 0; i < 3; i++) { // the JIT, as the ingest runs before it do in a full run
                    ingest.closedLoop(true, all.subList(0, 1), connections);
                }
                scale.spread(all, all.subList(0, 1), connections, report);
                scale.write(report, Double.NaN, Double.NaN, Double.NaN);
                Summary.write(report, settings, work.resolve("latest.md"), work.resolve("latest.json"));
                return;
            }
            Server platform = harness.startPlatform(false);
            double firstStart = platform.startSeconds();
            Log.info("baseline ready in %.1f s, platform (no tenant, ingest only) in %.1f s", baseline.startSeconds(), firstStart);

            TenantScalePhase scale = null;
            IngestPhase ingest = new IngestPhase(harness, settings, webhooks, wrk);
            scale = new TenantScalePhase(harness, settings, ingest);
            List<String> first10 = TenantScalePhase.slugs(1, 10);
            List<String> solo = List.of(first10.get(0));
            scale.onboard(first10);

            int best = ingest.run(solo, report, work.resolve("ingest.jfr"));
            if (ingestOnly) {
                Summary.write(report, settings, work.resolve("latest.md"), work.resolve("latest.json"));
                return;
            }
            scale.footprint(first10, best);

            Log.info("onboarding up to %d tenants", settings.tenants());
            scale.onboard(TenantScalePhase.slugs(11, settings.tenants()));
            List<String> all = TenantScalePhase.slugs(1, settings.tenants());
            scale.spread(all, solo, best, report);
            scale.footprint(all, best);

            Log.info("restart with %d tenants, workers on", settings.tenants());
            harness.stopPlatform();
            harness.db.clearQueue(); // the ingest runs' deliveries are not part of the processing figures
            double restart = harness.startPlatform(true).startSeconds();
            Log.info("  ready in %.1f s", restart);
            scale.write(report, firstStart, restart, baseline.startSeconds());

            processingPhases(harness, settings, webhooks, report, work, pgTps,
                    number(report.section("ingest"), "maxSustainedPerSecond", "baseline"),
                    baselineP99At(report, settings.steadyRate()));

            Map<String, Object> pg = report.section("postgresLimit");
            pg.put("insertCommitsPerSecond", Stats.round(pgTps));
            pg.put("runs", tps.stream().map(Stats::round).toList());
            pg.put("ingestRatioPlatform", Stats.round(Stats.ratio(number(report.section("ingest"), "maxSustainedPerSecond",
                    "platform"), pgTps)));
            pg.put("ingestRatioBaseline", Stats.round(Stats.ratio(number(report.section("ingest"), "maxSustainedPerSecond", "baseline"), pgTps)));
        }
        run.put("loadAverageAtEnd", Machine.loadAverage());
        run.put("minutes", Stats.round((System.nanoTime() - started) / 6e10));
        Path out = quick ? work : results;
        Summary.write(report, settings, out.resolve("latest.md"), out.resolve("latest.json"));
        Log.info("results in %s", out.resolve("latest.md"));
    }

    /** Backlog drain, steady-rate latency and dispatch, on a platform with its workers on and the tenants onboarded. */
    private static void processingPhases(Harness harness, Settings settings, SignedWebhooks webhooks, Report report,
            Path work, double pgTps, double baselineIngest, double baselineP99) throws Exception {
        List<String> backlogTenants = TenantScalePhase.slugs(1, settings.backlogTenants());
        Api api = harness.api();
        for (String slug : backlogTenants) {
            api.createEvent(slug);
        }
        ProcessingPhase processing = new ProcessingPhase(harness, settings, webhooks);
        processing.backlog(backlogTenants, report, work.resolve("processing.jfr"));
        processing.steady(backlogTenants, report, pgTps, baselineIngest, baselineP99);
        processing.dispatch(TenantScalePhase.slugs(1, settings.dispatchTenants()), report, pgTps);
    }

    @SuppressWarnings("unchecked")
    static double number(Map<String, Object> section, String... path) {
        Object value = section;
        for (String key : path) {
            if (!(value instanceof Map)) {
                return Double.NaN;
            }
            value = ((Map<String, Object>) value).get(key);
        }
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static double baselineP99At(Report report, int rate) {
        Map<String, Object> fixed = (Map<String, Object>) report.section("ingest").get("fixedRate");
        Object at = fixed == null ? null : fixed.get(Integer.toString(rate));
        return at == null ? Double.NaN : number((Map<String, Object>) at, "baseline", "p99Ms");
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
