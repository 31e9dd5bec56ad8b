package io.switchboard.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate (wrk2 is not packaged by Debian): request i is due at start + i / rate, and
 * its latency counts from that due time, not from when a thread got round to sending it, so a stall shows up
 * in the percentiles instead of silently lowering the rate (no coordinated omission). Requests are built,
 * signed and serialised before the clock starts; each sender keeps one HTTP/1.1 keep-alive connection and
 * writes the bytes as they are, so the generator costs the shared CPUs a few tens of microseconds a request
 * (java.net.http cost close to a millisecond, which the platform then had to share the machine with).
 */
final class PacedLoad {

    private static final int SENDERS = 128;
    private static final int TIMEOUT_MS = 10_000;

    /** One run at a fixed rate. */
    record Result(double offeredPerSecond, double achievedPerSecond, double p50Ms, double p99Ms, double p999Ms,
            double maxMs, int requests, int errors) {}

    /** Sends the requests to {@code base + prefix + slug + "/stripe"}, rate per second. */
    Result run(SignedWebhooks webhooks, List<SignedWebhooks.Signed> signed, String base, String prefix, int rate)
            throws InterruptedException {
        URI uri = URI.create(base);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        List<byte[]> requests = new ArrayList<>(signed.size());
        for (SignedWebhooks.Signed s : signed) {
            byte[] body = webhooks.body(s.n()).getBytes(StandardCharsets.UTF_8);
            String head = "POST " + prefix + s.slug() + "/stripe HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nStripe-Signature: " + s.signature()
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            requests.add(request);
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
                Connection connection = null;
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        if (connection == null) {
                            connection = new Connection(address);
                        }
                        if (connection.exchange(requests.get(i)) != 200) {
                            errors.incrementAndGet();
                        }
                        if (connection.closed) {
                            connection = null;
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                    long done = System.nanoTime();
                    latencies[i] = done - due;
                    lastDone.accumulateAndGet(done, Math::max);
                }
                if (connection != null) {
                    connection.close();
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

    /** One keep-alive connection: writes a request, reads the whole response (Content-Length or chunked). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final StringBuilder line = new StringBuilder();
        boolean closed;

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** Returns the status code; sets {@code closed} when the server ends the connection after this response. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = readLine();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("bad status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closed = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(chunkSize(readLine()), 16); size > 0;
                        size = Long.parseLong(chunkSize(readLine()), 16)) {
                    skip(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            if (closed) {
                close();
            }
            return code;
        }

        private static String chunkSize(String line) {
            int semicolon = line.indexOf(';');
            return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed mid-body");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
