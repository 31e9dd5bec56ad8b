package io.switchboard.bench;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Processing and dispatch, on a platform with its workers on: drain a backlog of stored checkout deliveries
 * (each ends as an attendee PAID), receipt-to-committed latency under a steady webhook rate, and SMS dispatch to
 * the local fake provider with the suppression list checked at send time.
 */
final class ProcessingPhase {

    private static final long DRAIN_TIMEOUT_MS = 20 * 60_000L;

    private final Harness harness;
    private final Settings settings;
    private final SignedWebhooks webhooks;

    ProcessingPhase(Harness harness, Settings settings, SignedWebhooks webhooks) {
        this.harness = harness;
        this.settings = settings;
        this.webhooks = webhooks;
    }

    /** A webhook's queue entries: INTAKE until its move into the tenant's inbox, then DELIVERY until processed. */
    private static final String[] WEBHOOK = {"INTAKE", "DELIVERY"};

    /** Waits until no queue entry of the kinds is left. */
    private void drain(String... kinds) throws Exception {
        long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        long last = -1;
        long lastLog = 0;
        while (System.currentTimeMillis() < deadline) {
            if (!harness.db.anyQueued(kinds)) {
                return;
            }
            if (System.currentTimeMillis() - lastLog > 10_000) {
                last = harness.db.queued(kinds); // a full count takes PostgreSQL tens of ms: only now and then
                Log.info("  %d %s entries left", last, String.join("/", kinds));
                lastLog = System.currentTimeMillis();
            }
            Thread.sleep(1000); // counting the queue costs PostgreSQL time too; the rate comes from processed_at
        }
        throw new IllegalStateException(String.join("/", kinds) + " queue did not drain in time; " + last + " left");
    }

    /** Waits (up to 3 minutes) until no autovacuum worker runs, so that one phase's clean-up does not land in the next. */
    private void settleAutovacuum() throws Exception {
        long settle = System.currentTimeMillis() + 180_000;
        while (harness.db.autovacuumWorkers() > 0 && System.currentTimeMillis() < settle) {
            Thread.sleep(2000);
        }
    }

    /** Drains the backlog with a profile; returns deliveries per second. */
    void backlog(List<String> tenants, Report report, Path profileFile) throws Exception {
        int total = tenants.size() * settings.backlogPerTenant();
        // The platform was just restarted: a backlog of a tenth of the measured one (not counted) gets the processing
        // path past the JIT's compile thresholds, so that the drain measures compiled code rather than C2 at work.
        int warmUp = Math.max(2000, settings.backlogTenants() * settings.backlogPerTenant() / 10);
        Log.info("processing: warming up on a backlog of %d (not counted)", warmUp);
        harness.db.loadDeliveryBacklog(tenants, Math.max(1, warmUp / tenants.size()), webhooks);
        drain(WEBHOOK);
        // Onboarding 1,000 tenants leaves autovacuum tens of thousands of new tables to visit; its CPU landing in the
        // drain made the figure swing threefold between runs. Let it settle first (bounded), and report what is left.
        settleAutovacuum();
        Log.info("processing: loading a backlog of %d deliveries over %d tenants (autovacuum workers: %d)", total,
                tenants.size(), harness.db.autovacuumWorkers());
        String paidSql = "SELECT count(*) FROM {schema}.attendee_events WHERE payment_status = 'PAID'";
        double paidBefore = harness.db.perTenant(tenants, paidSql).stream().mapToDouble(r -> r[0]).sum();
        Timestamp loadStart = harness.db.now();
        harness.db.topStatements(1); // resets the counts
        Profile.start(harness.platform);
        var before = harness.cpu.read();
        Timestamp committed = harness.db.loadDeliveryBacklog(tenants, settings.backlogPerTenant(), webhooks);
        drain(WEBHOOK);
        var cpu = Cpu.between(before, harness.cpu.read());
        Profile.Summary profile = Profile.stop(harness.platform, profileFile);
        this.drainStatements = harness.db.topStatements(12);
        List<double[]> rows = harness.db.perTenant(tenants, "SELECT count(*) FILTER (WHERE status = 'PROCESSED'), "
                + "extract(epoch FROM max(processed_at) - '" + committed + "'::timestamptz) "
                + "FROM {schema}.deliveries WHERE received_at >= '" + loadStart + "'::timestamptz");
        double processed = rows.stream().mapToDouble(r -> r[0]).sum();
        double seconds = rows.stream().mapToDouble(r -> r[1]).max().orElse(Double.NaN);
        double paid = harness.db.perTenant(tenants, paidSql).stream().mapToDouble(r -> r[0]).sum() - paidBefore;
        double rate = processed / seconds;
        Log.info("  drained %d deliveries in %.1f s: %.0f/s; %d attendees PAID; CPU ms/delivery: JVM %.2f, PostgreSQL %.2f "
                + "(of which background %.2f)", (long) processed, seconds, rate, (long) paid,
                cpu.get("platform") * 1000 / processed, cpu.get("postgres") * 1000 / processed,
                cpu.get("postgresBackground") * 1000 / processed);
        Map<String, Object> json = report.section("processing");
        json.put("backlog", Map.of("deliveries", total, "tenants", tenants.size(), "processed", (long) processed,
                "attendeesPaid", (long) paid, "seconds", Stats.round(seconds), "deliveriesPerSecond", Stats.round(rate),
                "platformJvmCpuMsPerDelivery", Stats.round(cpu.get("platform") * 1000 / processed),
                "postgresCpuMsPerDelivery", Stats.round(cpu.get("postgres") * 1000 / processed),
                "postgresBackgroundCpuMsPerDelivery", Stats.round(cpu.get("postgresBackground") * 1000 / processed)));
        report.heading("Processing: a backlog of " + total + " checkout deliveries over " + tenants.size() + " tenants")
                .line("The backlog is loaded into the intake, where the webhook path stores it. Each delivery: claimed, "
                        + "moved from the intake into the tenant's inbox (with the claim's other entries), loaded, "
                        + "interpreted by the Stripe connector; contact + payment + attendee PAID + delivery status + "
                        + "queue entry removal commit in one transaction.").line("");
        this.drainRate = rate;
        this.drainCpu = cpu;
        this.drainProcessed = processed;
        this.drainSeconds = seconds;
        this.drainPaid = paid;
        this.drainProfile = profile;
    }

    private double drainRate;
    private Map<String, Double> drainCpu;
    private double drainProcessed;
    private double drainSeconds;
    private double drainPaid;
    private Profile.Summary drainProfile;
    private List<Map<String, Object>> drainStatements;

    /** Receipt (ingress transaction) to committed state (processing transaction), at a steady webhook rate. */
    void steady(List<String> tenants, Report report, double pgbenchTps, double baselineIngest, double baselineP99AtRate)
            throws Exception {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> p999 = new ArrayList<>();
        List<Double> ingestP99 = new ArrayList<>();
        List<Double> depthMean = new ArrayList<>();
        List<Double> depthMax = new ArrayList<>();
        Profile.Summary steadyProfile = null;
        List<Map<String, Object>> steadyStatements = List.of();
        Map<String, Double> steadyCpu = Map.of();
        PacedLoad paced = new PacedLoad();
        // The backlog went in through the database, so the webhook path has not run on this JVM yet: warm it up the
        // way the ingest phases do. 10 s at the steady rate left the C2 compiler thread with over a quarter of the
        // machine's CPU during the measured runs (perf); 30 s (not counted) takes the webhook path past its compile
        // thresholds. A shorter burst at a higher rate would leave autovacuum more dead rows to clean up instead.
        Log.info("processing: warming the webhook path up at the steady rate for 30 s (not counted)");
        paced.run(webhooks, webhooks.sign(tenants, settings.steadyRate() * 30), harness.platformUrl(), "/webhooks/",
                settings.steadyRate());
        drain(WEBHOOK);
        // The drain just updated 100,000 deliveries and deleted as many queue entries: autovacuum cleans up after it
        // for tens of seconds, which is the recovery from a burst rather than the steady state measured here.
        settleAutovacuum();
        Log.info("  autovacuum workers at the start of the steady runs: %d", harness.db.autovacuumWorkers());
        for (int r = 0; r < settings.repeats(); r++) {
            Timestamp start = new Timestamp(System.currentTimeMillis() - 1000);
            List<SignedWebhooks.Signed> requests = webhooks.sign(tenants, settings.steadyRate() * settings.pacedSeconds());
            DepthSampler depth = new DepthSampler();
            harness.db.topStatements(1);
            var cpuBefore = harness.cpu.read();
            depth.start();
            Profile.start(harness.platform);
            PacedLoad.Result result = paced.run(webhooks, requests, harness.platformUrl(), "/webhooks/", settings.steadyRate());
            depth.stop();
            steadyProfile = Profile.stop(harness.platform, harness.work.resolve("steady.jfr"));
            steadyCpu = Cpu.between(cpuBefore, harness.cpu.read());
            steadyStatements = harness.db.topStatements(8);
            depthMean.add(depth.mean());
            depthMax.add((double) depth.max());
            Log.info("  steady CPU s while sending: %s", steadyCpu);
            drain(WEBHOOK);
            List<double[]> rows = harness.db.perTenant(tenants, "SELECT extract(epoch FROM processed_at - received_at) * 1000 "
                    + "FROM {schema}.deliveries WHERE status = 'PROCESSED' AND received_at >= '" + start + "'::timestamptz");
            double[] ms = rows.stream().mapToDouble(row -> row[0]).toArray();
            p50.add(Stats.percentile(ms, 50));
            p99.add(Stats.percentile(ms, 99));
            p999.add(Stats.percentile(ms, 99.9));
            ingestP99.add(result.p99Ms());
            Log.info("  steady %d/s: %d processed, receipt-to-committed p50 %.0f ms, p99 %.0f ms; queue while sending: "
                    + "mean %.0f, max %d entries", settings.steadyRate(), ms.length, p50.get(r), p99.get(r), depth.mean(),
                    depth.max());
        }
        Map<String, Object> json = report.section("processing");
        json.put("backlogProfileAndRatios", Map.of("ratioToPgbenchCommitRate", Stats.round(Stats.ratio(drainRate, pgbenchTps)),
                "ratioToBaselineIngest", Stats.round(Stats.ratio(drainRate, baselineIngest))));
        json.put("steady", Map.of("ratePerSecond", settings.steadyRate(), "receiptToCommittedMs", Map.of(
                "p50", Stats.round(Stats.median(p50)), "p99", Stats.round(Stats.median(p99)),
                "p999", Stats.round(Stats.median(p999))), "ingestP99Ms", Stats.round(Stats.median(ingestP99)),
                "p99RatioToBaselineIngestP99", Stats.round(Stats.ratio(Stats.median(p99), baselineP99AtRate)),
                "queueEntriesWhileSending", Map.of("mean", Stats.round(Stats.median(depthMean)),
                        "max", Stats.round(Stats.median(depthMax))),
                "cpuSecondsWhileSendingLastRun", steadyCpu));
        report.table(List.of("figure", "value", "reference (same run)", "ratio"), List.of(
                List.of("deliveries/s draining", drainRate, "PostgreSQL commits/s (pgbench): " + Report.format(pgbenchTps),
                        Stats.ratio(drainRate, pgbenchTps)),
                List.of("", "", "baseline ingest req/s: " + Report.format(baselineIngest),
                        Stats.ratio(drainRate, baselineIngest)),
                List.of("processed / attendees PAID", Report.format(drainProcessed) + " / " + Report.format(drainPaid),
                        "", ""),
                List.of("drain time s", drainSeconds, "", ""),
                List.of("platform JVM CPU ms per delivery", drainCpu.get("platform") * 1000 / drainProcessed, "", ""),
                List.of("PostgreSQL CPU ms per delivery", drainCpu.get("postgres") * 1000 / drainProcessed,
                        "of which background (autovacuum, checkpoints, WAL): "
                                + Report.format(drainCpu.get("postgresBackground") * 1000 / drainProcessed), ""),
                List.of("receipt-to-committed p50 ms at " + settings.steadyRate() + "/s", Stats.median(p50), "", ""),
                List.of("receipt-to-committed p99 ms at " + settings.steadyRate() + "/s", Stats.median(p99),
                        "baseline ingest p99 at that rate: " + Report.format(baselineP99AtRate) + " ms",
                        Stats.ratio(Stats.median(p99), baselineP99AtRate)),
                List.of("receipt-to-committed p99.9 ms", Stats.median(p999), "", ""),
                List.of("queue entries while sending, mean / max", Report.format(Stats.median(depthMean)) + " / "
                        + Report.format(Stats.median(depthMax)), "", "")));
        IngestPhase.writeProfile(report, report.section("processing"), drainProfile,
                "Profile of the platform while draining the backlog");
        IngestPhase.writeStatements(report, report.section("processing"), drainStatements, "while draining the backlog");
        if (steadyProfile != null) {
            report.line("CPU seconds while sending at the steady rate (last run): " + steadyCpu + ".").line("");
            Map<String, Object> steadyJson = new java.util.LinkedHashMap<>();
            report.section("processing").put("whileSendingAtSteadyRate", steadyJson);
            IngestPhase.writeProfile(report, steadyJson, steadyProfile,
                    "Profile of the platform while sending at the steady rate (ingest and processing together)");
            IngestPhase.writeStatements(report, steadyJson, steadyStatements,
                    "while sending at the steady rate");
        }
    }

    /** Samples the queue's depth every 200 ms while a steady run sends: a growing queue means processing falls behind. */
    private final class DepthSampler {
        private final List<Long> samples = new ArrayList<>();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::run, "depth-sampler");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (running) {
                try {
                    long depth = harness.db.queued(WEBHOOK);
                    synchronized (samples) {
                        samples.add(depth);
                    }
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        double mean() {
            synchronized (samples) {
                return samples.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
            }
        }

        long max() {
            synchronized (samples) {
                return samples.stream().mapToLong(Long::longValue).max().orElse(0);
            }
        }
    }

    /** SMS to the fake provider, one in ten recipients suppressed; median messages/s over repeats. */
    void dispatch(List<String> tenants, Report report, double pgbenchTps) throws Exception {
        Api api = harness.api();
        for (String slug : tenants) {
            api.connectSms(slug);
            api.putSmsTemplate(slug, "payment.confirmed", "Merci ! Paiement de {{payment.amount}} reçu. {{tenant.name}}");
        }
        List<Double> rates = new ArrayList<>();
        long sentTotal = 0;
        long suppressedTotal = 0;
        long providerTotal = 0;
        for (int r = 0; r < settings.repeats(); r++) {
            for (String slug : tenants) {
                harness.db.perTenant(List.of(slug), "WITH d AS (DELETE FROM {schema}.messages RETURNING 1) SELECT count(*) FROM d");
                harness.db.perTenant(List.of(slug), "WITH d AS (DELETE FROM {schema}.suppressions RETURNING 1) SELECT count(*) FROM d");
            }
            long providerBefore = harness.sms.received();
            Timestamp committed = harness.db.loadMessageBacklog(tenants, settings.dispatchPerTenant());
            drain("MESSAGE");
            List<double[]> rows = harness.db.perTenant(tenants, "SELECT count(*) FILTER (WHERE status = 'SENT'), "
                    + "count(*) FILTER (WHERE status = 'SUPPRESSED'), extract(epoch FROM max(updated_at) - '" + committed
                    + "'::timestamptz) FROM {schema}.messages");
            long sent = (long) rows.stream().mapToDouble(x -> x[0]).sum();
            long suppressed = (long) rows.stream().mapToDouble(x -> x[1]).sum();
            double seconds = rows.stream().mapToDouble(x -> x[2]).max().orElse(Double.NaN);
            long provider = harness.sms.received() - providerBefore;
            rates.add((sent + suppressed) / seconds);
            sentTotal += sent;
            suppressedTotal += suppressed;
            providerTotal += provider;
            Log.info("  dispatch: %d sent, %d suppressed, provider got %d, %.0f messages/s", sent, suppressed, provider,
                    rates.get(r));
        }
        double rate = Stats.median(rates);
        report.section("dispatch").putAll(Map.of("messagesPerRun", tenants.size() * settings.dispatchPerTenant(),
                "tenants", tenants.size(), "messagesPerSecond", Stats.round(rate), "sent", sentTotal,
                "suppressed", suppressedTotal, "providerReceived", providerTotal,
                "ratioToPgbenchCommitRate", Stats.round(Stats.ratio(rate, pgbenchTps))));
        report.heading("Dispatch: SMS to a local fake Twilio, suppression list checked at send time")
                .table(List.of("figure", "value", "reference (same run)", "ratio"), List.of(
                        List.of("messages/s (sent + suppressed)", rate, "PostgreSQL commits/s: " + Report.format(pgbenchTps),
                                Stats.ratio(rate, pgbenchTps)),
                        List.of("sent / suppressed / received by the provider", sentTotal + " / " + suppressedTotal + " / "
                                + providerTotal, "", "")));
    }
}
