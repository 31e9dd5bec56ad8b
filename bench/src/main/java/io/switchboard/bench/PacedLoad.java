package io.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate (wrk2 is not packaged by Debian): request i is due at start + i / rate, and
 * its latency counts from that due time, not from when a thread got round to sending it, so a stall shows up
 * in the percentiles instead of silently lowering the rate (no coordinated omission). Bodies are built and
 * signed before the clock starts.
 */
final class PacedLoad {

    private static final int SENDERS = 128;

    /** One run at a fixed rate. */
    record Result(double offeredPerSecond, double achievedPerSecond, double p50Ms, double p99Ms, double p999Ms,
            double maxMs, int requests, int errors) {}

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends the requests to {@code base + prefix + slug + "/stripe"}, rate per second. */
    Result run(SignedWebhooks webhooks, List<SignedWebhooks.Signed> signed, String base, String prefix, int rate)
            throws InterruptedException {
        List<HttpRequest> requests = new ArrayList<>(signed.size());
        for (SignedWebhooks.Signed s : signed) {
            requests.add(HttpRequest.newBuilder(URI.create(base + prefix + s.slug() + "/stripe"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Stripe-Signature", s.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(webhooks.body(s.n()).getBytes(StandardCharsets.UTF_8)))
                    .build());
        }
        long[] latencies = new long[requests.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        HttpResponse<Void> response = client.send(requests.get(i), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    long done = System.nanoTime();
                    latencies[i] = done - due;
                    lastDone.accumulateAndGet(done, Math::max);
                }
            }, "paced-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (lastDone.get() - start) / 1e9;
        double[] ms = new double[latencies.length];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = latencies[i] / 1e6;
        }
        return new Result(rate, requests.size() / elapsed, Stats.percentile(ms, 50), Stats.percentile(ms, 99),
                Stats.percentile(ms, 99.9), Stats.percentile(ms, 100), requests.size(), errors.get());
    }
}
