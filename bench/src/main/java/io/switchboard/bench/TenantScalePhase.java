package io.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenant scale: onboarding time per tenant through the API, ingest spread over every tenant against one tenant,
 * and the platform's heap and PostgreSQL connections with few and many tenants (neither may grow per tenant).
 */
final class TenantScalePhase {

    private final Harness harness;
    private final Settings settings;
    private final IngestPhase ingest;
    private final List<Double> onboardMs = new ArrayList<>();
    private final List<Double> connectMs = new ArrayList<>();
    private final Map<String, Object> footprint = new LinkedHashMap<>();

    TenantScalePhase(Harness harness, Settings settings, IngestPhase ingest) {
        this.harness = harness;
        this.settings = settings;
        this.ingest = ingest;
    }

    static String slug(int i) {
        return String.format("bench-t%04d", i);
    }

    static List<String> slugs(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(slug(i));
        }
        return out;
    }

    /** Onboards the tenants one after the other, timing the POST, then connects Stripe. */
    void onboard(List<String> slugs) throws Exception {
        Api api = harness.api();
        for (String slug : slugs) {
            long t0 = System.nanoTime();
            api.onboard(slug);
            long t1 = System.nanoTime();
            api.connectStripe(slug);
            long t2 = System.nanoTime();
            onboardMs.add((t1 - t0) / 1e6);
            connectMs.add((t2 - t1) / 1e6);
            if (onboardMs.size() % 100 == 0) {
                Log.info("  onboarded %d tenants", onboardMs.size());
            }
        }
    }

    /** Warms every tenant's path with a short spread load, then reads heap after GC and server connections. */
    void footprint(List<String> tenants, int connections) throws Exception {
        ingest.closedLoop(true, tenants, connections);
        double heap = harness.platform.heapAfterGcMib();
        int pg = harness.db.connections(Harness.PLATFORM_APP);
        Log.info("  %d tenants: heap after GC %.0f MiB, %d PostgreSQL connections", tenants.size(), heap, pg);
        footprint.put(Integer.toString(tenants.size()), Map.of("heapAfterGcMib", Stats.round(heap),
                "postgresConnections", pg));
    }

    /** Closed-loop ingest spread over every tenant against one tenant, interleaved, median of repeats + 2 pairs. */
    void spread(List<String> all, List<String> solo, int connections, Report report) throws Exception {
        List<Double> spread = new ArrayList<>();
        List<Double> single = new ArrayList<>();
        List<Double> spreadP99 = new ArrayList<>();
        List<Double> singleJvm = new ArrayList<>();
        List<Double> singlePg = new ArrayList<>();
        List<Double> spreadJvm = new ArrayList<>();
        List<Double> spreadPg = new ArrayList<>();
        // The first requests for a tenant on each pooled connection build PostgreSQL's caches of that tenant's tables
        // (and the platform's of the tenant): a one-off per connection, which the single-tenant runs paid during the
        // ingest warm-up. One pass over every tenant first, reported apart, so both figures are of warm servers.
        Wrk.Result cold = ingest.closedLoop(true, all, connections);
        coldSpread = cold;
        Log.info("  (first pass over %d tenants, caches cold: %.0f req/s, not counted)", all.size(), cold.requestsPerSecond());
        harness.db.trackStatements(false);
        // Two more pairs than the other figures: a checkpoint or an autovacuum round landing in one 10-second run
        // moves that run by a quarter, and each ratio here is of two such runs.
        for (int r = 0; r < settings.repeats() + 2; r++) {
            Wrk.Result one = ingest.closedLoop(true, solo, connections);
            single.add(one.requestsPerSecond());
            singleJvm.add(one.cpuUsPerRequest("platform"));
            singlePg.add(one.cpuUsPerRequest("postgres"));
            Wrk.Result s = ingest.closedLoop(true, all, connections);
            spread.add(s.requestsPerSecond());
            spreadP99.add(s.p99Ms());
            spreadJvm.add(s.cpuUsPerRequest("platform"));
            spreadPg.add(s.cpuUsPerRequest("postgres"));
        }
        harness.db.trackStatements(true);
        harness.db.topStatements(1); // resets the counts
        Profile.start(harness.platform);
        ingest.closedLoop(true, all, connections);
        spreadProfile = Profile.stop(harness.platform, harness.work.resolve("spread.jfr"));
        spreadStatements = harness.db.topStatements(6);
        double sp = Stats.median(spread);
        double si = Stats.median(single);
        Map<String, Object> json = report.section("tenantScale");
        json.put("onboardingMs", Map.of("tenants", onboardMs.size(), "median", Stats.round(Stats.median(onboardMs)),
                "p99", Stats.round(Stats.percentile(onboardMs.stream().mapToDouble(Double::doubleValue).toArray(), 99)),
                "connectStripeMedian", Stats.round(Stats.median(connectMs))));
        json.put("ingestSpread", Map.of("tenants", all.size(), "spreadPerSecond", Stats.round(sp),
                "singleTenantPerSecond", Stats.round(si), "ratio", Stats.round(Stats.ratio(sp, si)),
                "spreadP99Ms", Stats.round(Stats.median(spreadP99)), "connections", connections, "runs", spread.size(),
                "firstPassColdPerSecond", Stats.round(coldSpread.requestsPerSecond()),
                "firstPassColdCpuUsPerRequest", Map.of("jvm", Stats.round(coldSpread.cpuUsPerRequest("platform")),
                        "postgres", Stats.round(coldSpread.cpuUsPerRequest("postgres"))),
                "cpuUsPerRequest", Map.of("singleJvm", Stats.round(Stats.median(singleJvm)),
                        "singlePostgres", Stats.round(Stats.median(singlePg)), "spreadJvm",
                        Stats.round(Stats.median(spreadJvm)), "spreadPostgres", Stats.round(Stats.median(spreadPg)))));
        json.put("footprint", footprint);
    }

    /** Adds the restart figures and writes the section. */
    void write(Report report, double firstStart, double restart, double baselineStart) {
        Map<String, Object> json = report.section("tenantScale");
        json.put("startSeconds", Map.of("platformWithNoTenants", Stats.round(firstStart),
                "platformRestartWithAllTenants", Stats.round(restart), "baselineApp", Stats.round(baselineStart),
                "ratioRestartToFirstStart", Stats.round(Stats.ratio(restart, firstStart))));
        @SuppressWarnings("unchecked")
        Map<String, Object> spread = (Map<String, Object>) json.get("ingestSpread");
        @SuppressWarnings("unchecked")
        Map<String, Object> onboarding = (Map<String, Object>) json.get("onboardingMs");
        report.heading("Tenant scale (" + onboardMs.size() + " tenants)")
                .table(List.of("figure", "value", "reference (same run)", "ratio"), List.of(
                        List.of("onboarding median ms (POST /api/v1/tenants: row, schema, migrations)",
                                onboarding.get("median"), "", ""),
                        List.of("onboarding p99 ms", onboarding.get("p99"), "", ""),
                        List.of("restart to ready, s, with all tenants", restart, "first start with no tenant: "
                                + Report.format(firstStart) + " s", Stats.ratio(restart, firstStart)),
                        List.of("ingest req/s spread over " + all(spread) + " tenants (median of " + spread.get("runs")
                                + " pairs of runs)", spread.get("spreadPerSecond"),
                                "one tenant: " + spread.get("singleTenantPerSecond"), spread.get("ratio")),
                        List.of("CPU µs per request spread, JVM / PostgreSQL", cpu(spread, "spreadJvm") + " / "
                                + cpu(spread, "spreadPostgres"), "one tenant: " + cpu(spread, "singleJvm") + " / "
                                + cpu(spread, "singlePostgres"), ""),
                        List.of("first pass over every tenant (caches cold, not in the ratio), req/s",
                                spread.get("firstPassColdPerSecond"), "", "")));
        if (spreadStatements != null) {
            IngestPhase.writeStatements(report, json, spreadStatements, "during a spread run after the measured ones (tracking statements costs PostgreSQL far more with many tenants, so the measured runs have it off)");
        }
        if (spreadProfile != null) {
            IngestPhase.writeProfile(report, json, spreadProfile, "Profile of the platform during that spread run");
        }
        List<List<Object>> rows = new ArrayList<>();
        footprint.forEach((tenants, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) value;
            rows.add(List.of(tenants, v.get("heapAfterGcMib"), v.get("postgresConnections")));
        });
        report.line("Footprint after a spread ingest run over every tenant:").line("")
                .table(List.of("tenants", "platform heap after full GC, MiB", "PostgreSQL connections of the platform"), rows);
    }

    private List<Map<String, Object>> spreadStatements;
    private Profile.Summary spreadProfile;
    private Wrk.Result coldSpread;

    @SuppressWarnings("unchecked")
    private static String cpu(Map<String, Object> spread, String key) {
        return Report.format(((Map<String, Object>) spread.get("cpuUsPerRequest")).get(key));
    }

    private static Object all(Map<String, Object> spread) {
        return spread.get("tenants");
    }
}
