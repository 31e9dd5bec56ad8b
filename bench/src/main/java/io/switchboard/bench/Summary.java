package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The head of the results file: how the figures were taken, the machine, and each goal against its figure. */
final class Summary {

    private Summary() {}

    static void write(Report report, Settings settings, Path markdown, Path json) throws IOException {
        Map<String, Object> root = report.root();
        Map<String, Object> run = report.section("run");
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) run.get("machine");
        StringBuilder md = new StringBuilder("# Switchboard benchmark results\n\n");
        md.append("Written by `bench/run.sh").append(settings.name().equals("quick") ? " --quick" : "")
                .append("` (").append(run.get("startedAt")).append(", ").append(Report.format(run.get("minutes")))
                .append(" minutes). The machine is shared with other builds, so absolute figures are noisy: every "
                        + "figure is the median of ").append(settings.repeats()).append(" runs where it is a rate or a "
                        + "percentile, and is set against a reference measured in the same run (the baseline app or "
                        + "PostgreSQL alone). Read the ratios; the absolute numbers only say what this box did that day.\n\n");
        md.append("Load generator, platform, baseline and PostgreSQL all run on this one machine, on loopback. "
                + "Load average at start / end: ").append(run.get("loadAverageAtStart")).append(" / ")
                .append(run.get("loadAverageAtEnd")).append(".\n\n");
        md.append("| machine | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("| PostgreSQL | ").append(run.get("postgres")).append(" (the embedded build the platform uses by default, "
                + "one server shared by the platform and the baseline) |\n\n");
        md.append("## Goals\n\n| goal | measured | met |\n|---|---|---|\n");
        double ingestRatio = BenchMain.number(root, "ingest", "maxSustainedPerSecond", "ratio");
        double ingest = BenchMain.number(root, "ingest", "maxSustainedPerSecond", "platform");
        double p99At1000 = BenchMain.number(root, "ingest", "fixedRate", "1000", "platform", "p99Ms");
        double drain = BenchMain.number(root, "processing", "backlog", "deliveriesPerSecond");
        double steadyP99 = BenchMain.number(root, "processing", "steady", "receiptToCommittedMs", "p99");
        double onboarding = BenchMain.number(root, "tenantScale", "onboardingMs", "median");
        double restart = BenchMain.number(root, "tenantScale", "startSeconds", "platformRestartWithAllTenants");
        double spread = BenchMain.number(root, "tenantScale", "ingestSpread", "ratio");
        List<String[]> goals = new ArrayList<>();
        goals.add(goal("ingest ≥ 0.8 × baseline throughput", "ratio " + Report.format(ingestRatio), ingestRatio >= 0.8));
        goals.add(goal("ingest ≥ 4,500 deliveries/s (the 2-core reference machine)", Report.format(ingest) + "/s",
                ingest >= 4500));
        goals.add(goal("ingest p99 ≤ 25 ms at 1,000/s offered", Report.format(p99At1000) + " ms", p99At1000 <= 25));
        goals.add(goal("processing ≥ 1,500 deliveries/s draining", Report.format(drain) + "/s", drain >= 1500));
        goals.add(goal("receipt-to-committed p99 ≤ 1 s at 500/s", Report.format(steadyP99) + " ms", steadyP99 <= 1000));
        goals.add(goal("onboarding median ≤ 300 ms", Report.format(onboarding) + " ms", onboarding <= 300));
        goals.add(goal("restart ≤ 30 s with all tenants", Report.format(restart) + " s", restart <= 30));
        goals.add(goal("spread ingest ≥ 0.8 × single tenant", "ratio " + Report.format(spread), spread >= 0.8));
        for (String[] g : goals) {
            md.append("| ").append(g[0]).append(" | ").append(g[1]).append(" | ").append(g[2]).append(" |\n");
        }
        md.append("\n## PostgreSQL alone (the physical limit)\n\n")
                .append("pgbench, 16 clients, one INSERT of the ~4 KB webhook body per transaction: **")
                .append(Report.format(BenchMain.number(root, "postgresLimit", "insertCommitsPerSecond")))
                .append(" commits/s**. Platform ingest is ")
                .append(Report.format(BenchMain.number(root, "postgresLimit", "ingestRatioPlatform")))
                .append(" × that, the baseline ")
                .append(Report.format(BenchMain.number(root, "postgresLimit", "ingestRatioBaseline"))).append(" ×.\n");
        report.write(markdown, json, md.toString());
    }

    private static String[] goal(String goal, String measured, boolean met) {
        return new String[] {goal, measured, met ? "yes" : "**no**"};
    }
}
