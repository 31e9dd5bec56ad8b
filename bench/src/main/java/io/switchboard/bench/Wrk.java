package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Closed-loop maximum throughput with wrk (Debian's package): a fixed number of connections sends signed
 * webhooks back to back for a fixed time; the script reports requests, latency percentiles and errors.
 */
final class Wrk {

    /** One wrk run. */
    record Result(double requestsPerSecond, double p50Ms, double p99Ms, double p999Ms, long requests, long errors,
            long wrapped, Map<String, Double> cpuSeconds, long[] wal) {

        /** The same run with the WAL PostgreSQL wrote during it: records, full-page images, bytes. */
        Result withWal(long[] after, long[] before) {
            long[] used = new long[after.length];
            for (int i = 0; i < used.length; i++) {
                used[i] = after[i] - before[i];
            }
            return new Result(requestsPerSecond, p50Ms, p99Ms, p999Ms, requests, errors, wrapped, cpuSeconds, used);
        }

        /** WAL per request: 0 records, 1 full-page images, 2 bytes. */
        double walPerRequest(int counter) {
            return wal == null || requests == 0 ? Double.NaN : (double) wal[counter] / requests;
        }

        /** CPU microseconds per request of one process group. */
        double cpuUsPerRequest(String group) {
            return requests == 0 ? Double.NaN : cpuSeconds.getOrDefault(group, Double.NaN) * 1e6 / requests;
        }
    }

    private final Path script;
    private final Path work;
    private final Cpu cpu;
    private final JsonMapper json = JsonMapper.builder().build();

    Wrk(Path work, Cpu cpu) throws IOException {
        this.work = work;
        this.cpu = cpu;
        this.script = work.resolve("stripe-webhooks.lua");
        try (var in = Wrk.class.getResourceAsStream("/stripe-webhooks.lua")) {
            Files.write(script, in.readAllBytes());
        }
    }

    /**
     * Sends the requests to {@code base + prefix + slug + "/stripe"} for the given time.
     *
     * @param prefix {@code /webhooks/} for the platform, {@code /baseline/} for the baseline
     */
    Result run(SignedWebhooks webhooks, List<SignedWebhooks.Signed> requests, String base, String prefix,
            int connections, int seconds) throws IOException, InterruptedException {
        Path requestsFile = work.resolve("wrk-requests.tsv");
        Path templateFile = work.resolve("wrk-template.json");
        webhooks.writeForWrk(requests, requestsFile, templateFile);
        int threads = 2;
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + Math.max(connections, threads),
                "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), base,
                "--", prefix, requestsFile.toString(), templateFile.toString(), Integer.toString(threads)));
        Map<String, Double> before = cpu.read();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Map<String, Double> used = Cpu.between(before, cpu.read());
        String line = output.lines().filter(l -> l.startsWith("BENCH_JSON ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk exited " + exit + " without a result:\n" + output));
        JsonNode r = json.readTree(line.substring("BENCH_JSON ".length()));
        long count = r.get("requests").asLong();
        long errors = r.get("connectErrors").asLong() + r.get("readErrors").asLong() + r.get("writeErrors").asLong()
                + r.get("statusErrors").asLong() + r.get("timeouts").asLong();
        double secondsRun = r.get("durationUs").asLong() / 1e6;
        return new Result(count / secondsRun, r.get("p50Us").asLong() / 1000.0, r.get("p99Us").asLong() / 1000.0,
                r.get("p999Us").asLong() / 1000.0, count, errors, r.get("wrapped").asLong(), used, null);
    }
}
