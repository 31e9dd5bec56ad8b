package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before/after of an ingest optimisation: two platform jars (each with its own database on the shared server)
 * and the baseline, loaded in turn, run after run, so all three see the same background load. Usage:
 * {@code bench/run.sh --compare <before.jar> [<after.jar>]}; writes bench/results/tmp/compare.md.
 */
public final class CompareMain {

    private CompareMain() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        Path work = repo.resolve("bench/results/tmp");
        Files.createDirectories(work);
        String before = args[0];
        String after = args.length > 1 ? args[1] : repo.resolve("platform/target/switchboard-platform.jar").toString();
        int repeats = Integer.getInteger("bench.repeats", 3);
        int seconds = Integer.getInteger("bench.seconds", 6);
        List<Integer> connections = List.of(8, 32);
        SignedWebhooks webhooks = new SignedWebhooks(repo.resolve("fixtures/stripe/checkout_session_completed_payment_link.json"));
        StringBuilder md = new StringBuilder("# Ingest before/after\n\nbefore: `" + before + "`  \nafter: `" + after + "`\n\n");
        try (Harness harness = new Harness(repo, work)) {
            harness.db.execute("CREATE DATABASE bench_before");
            Wrk wrk = new Wrk(work, harness.cpu);
            harness.startBaseline();
            harness.platform = harness.startPlatform(after, Harness.PLATFORM_PORT, "postgres", work.resolve("data-after"),
                    false, "platform.log");
            harness.other = harness.startPlatform(before, Harness.OTHER_PORT, "bench_before", work.resolve("data-before"),
                    false, "platform-before.log");
            List<String> solo = List.of("bench-t0001");
            for (int port : List.of(Harness.PLATFORM_PORT, Harness.OTHER_PORT)) {
                harness.api(port).onboard(solo.get(0));
                harness.api(port).connectStripe(solo.get(0));
            }
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("baseline", harness.baselineUrl());
            urls.put("before", "http://127.0.0.1:" + Harness.OTHER_PORT);
            urls.put("after", harness.platformUrl());
            Map<String, String> cpuGroup = Map.of("baseline", "baseline", "before", "other", "after", "platform");
            for (var target : urls.entrySet()) {
                String prefix = target.getKey().equals("baseline") ? "/baseline/" : "/webhooks/";
                wrk.run(webhooks, webhooks.sign(solo, 9000 * seconds * 2), target.getValue(), prefix, 32, seconds * 2);
            }
            Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
            for (int r = 0; r < repeats; r++) {
                for (int c : connections) {
                    for (var target : urls.entrySet()) {
                        String prefix = target.getKey().equals("baseline") ? "/baseline/" : "/webhooks/";
                        Wrk.Result result = wrk.run(webhooks, webhooks.sign(solo, 9000 * seconds), target.getValue(),
                                prefix, c, seconds);
                        results.computeIfAbsent(target.getKey() + "/" + c, k -> new ArrayList<>()).add(result);
                        Log.info("%s c=%d: %.0f req/s p99 %.1f ms, JVM %.0f µs/req, PostgreSQL %.0f µs/req", target.getKey(),
                                c, result.requestsPerSecond(), result.p99Ms(),
                                result.cpuUsPerRequest(cpuGroup.get(target.getKey())), result.cpuUsPerRequest("postgres"));
                    }
                }
            }
            if (Boolean.getBoolean("bench.profile")) {
                Profile.start(harness.platform);
                wrk.run(webhooks, webhooks.sign(solo, 9000 * 15), harness.platformUrl(), "/webhooks/", 32, 15);
                Profile.stop(harness.platform, work.resolve("after.jfr"));
            }
            md.append("Median of ").append(repeats).append(" interleaved wrk runs of ").append(seconds).append(" s.\n\n")
                    .append("| connections | target | req/s | ratio to baseline | p99 ms | JVM CPU µs/req | PostgreSQL CPU µs/req |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (int c : connections) {
                double base = median(results.get("baseline/" + c), Wrk.Result::requestsPerSecond);
                for (String target : urls.keySet()) {
                    List<Wrk.Result> list = results.get(target + "/" + c);
                    double rate = median(list, Wrk.Result::requestsPerSecond);
                    md.append("| ").append(c).append(" | ").append(target).append(" | ").append(Report.format(rate))
                            .append(" | ").append(Report.format(rate / base)).append(" | ")
                            .append(Report.format(median(list, Wrk.Result::p99Ms))).append(" | ")
                            .append(Report.format(median(list, x -> x.cpuUsPerRequest(cpuGroup.get(target))))).append(" | ")
                            .append(Report.format(median(list, x -> x.cpuUsPerRequest("postgres")))).append(" |\n");
                }
            }
        }
        Files.writeString(work.resolve("compare.md"), md.toString());
        System.out.println(md);
    }

    private static double median(List<Wrk.Result> list, java.util.function.ToDoubleFunction<Wrk.Result> f) {
        return Stats.median(list.stream().map(f::applyAsDouble).toList());
    }
}
