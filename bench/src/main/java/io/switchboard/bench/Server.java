package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM under test, started as its own process with its log in a file, stopped gracefully. */
final class Server implements AutoCloseable {

    /** Same JVM options for the platform and the baseline, so the ratio compares code, not settings. */
    static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final double startSeconds;

    private Server(String name, Process process, double startSeconds) {
        this.name = name;
        this.process = process;
        this.startSeconds = startSeconds;
    }

    /**
     * Starts the command and waits until the URL answers (with 200 when {@code needOk}).
     *
     * @return the server, with the seconds from process start to ready
     */
    static Server start(String name, List<String> command, Map<String, String> env, Path log, String readyUrl,
            boolean needOk, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(readyUrl))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (!needOk || response.statusCode() == 200) {
                    return new Server(name, process, (System.nanoTime() - started) / 1e9);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** Seconds from process start until it answered. */
    double startSeconds() {
        return startSeconds;
    }

    /** Runs a jcmd diagnostic command against this JVM and returns its output. */
    String jcmd(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid())));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Heap in use after a full collection, in MiB. */
    double heapAfterGcMib() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        var matcher = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024.0 : Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
