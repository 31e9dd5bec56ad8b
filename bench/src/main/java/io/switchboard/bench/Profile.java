package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the platform's CPU goes, from a JDK Flight Recorder recording taken with jcmd during a load phase
 * (async-profiler is not packaged here): the hottest methods by self samples, and the share of samples that
 * pass through each stage of the request or the processing path (inclusive).
 */
final class Profile {

    /** Stages of the platform's work, each recognised by a frame prefix; a sample counts in every stage it passes. */
    static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("HTTP server (Tomcat, all of a request)", "org.apache.coyote.");
        STAGES.put("security filter chain", "org.springframework.security.web.FilterChainProxy.doFilter");
        STAGES.put("webhook controller (all of it)", "io.switchboard.platform.ingress.WebhookController.receive");
        STAGES.put("tenant + connection lookup", "io.switchboard.platform.ingress.WebhookController.resolve");
        STAGES.put("connector verify (signature + parse)", "io.switchboard.platform.ingress.WebhookController.verify");
        STAGES.put("connector context creation", "io.switchboard.platform.connectorhost.ConnectorContexts.create");
        STAGES.put("request headers to JSON", "io.switchboard.platform.ingress.RawRequests.headersJson");
        STAGES.put("delivery store (SQL, transaction)", "io.switchboard.platform.ingress.DeliveryStore.store");
        STAGES.put("ingress metrics", "io.switchboard.platform.ingress.IngressMetrics.");
        STAGES.put("queue claim", "io.switchboard.platform.processing.WorkQueue.claim");
        STAGES.put("delivery processing (all of it)", "io.switchboard.platform.processing.DeliveryProcessor.handle");
        STAGES.put("connector interpret", "io.switchboard.connectors.stripe.StripeConnector.interpret");
        STAGES.put("command apply", "io.switchboard.platform.records.CommandApplier.apply");
        STAGES.put("message dispatch (all of it)", "io.switchboard.platform.notify.MessageDispatcher.handle");
        STAGES.put("PostgreSQL JDBC driver", "org.postgresql.");
        STAGES.put("HikariCP", "com.zaxxer.hikari.");
        STAGES.put("Jackson", "tools.jackson.");
        STAGES.put("Micrometer", "io.micrometer.");
        STAGES.put("logging", "ch.qos.logback.");
    }

    /**
     * Components a sample is charged to: walking down from the top frame, the first frame of one of these
     * prefixes takes the sample (JDK frames are charged to the library or code that called them).
     */
    static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("com.stripe.", "Stripe connector (signature, JSON)");
        COMPONENTS.put("io.switchboard.connectors.", "Stripe connector (signature, JSON)");
        COMPONENTS.put("com.google.gson.", "Stripe connector (signature, JSON)");
        COMPONENTS.put("org.postgresql.", "PostgreSQL JDBC driver");
        COMPONENTS.put("com.zaxxer.hikari.", "HikariCP pool");
        COMPONENTS.put("org.springframework.jdbc.", "Spring JDBC + transactions");
        COMPONENTS.put("org.springframework.transaction.", "Spring JDBC + transactions");
        COMPONENTS.put("org.springframework.security.", "Spring Security filters");
        COMPONENTS.put("io.micrometer.", "Micrometer (metrics, observations)");
        COMPONENTS.put("tools.jackson.", "Jackson");
        COMPONENTS.put("org.springframework.web.", "Spring MVC");
        COMPONENTS.put("org.springframework.", "Spring (other)");
        COMPONENTS.put("io.switchboard.platform.", "platform code");
        COMPONENTS.put("org.apache.", "Tomcat");
        COMPONENTS.put("ch.qos.logback.", "logging");
        COMPONENTS.put("org.slf4j.", "logging");
        COMPONENTS.put("jdk.jfr.", "JFR itself");
    }

    /** The summary: samples, component and stage shares in percent, top self methods in percent. */
    record Summary(long samples, Map<String, Double> components, Map<String, Double> stages, Map<String, Double> topSelf) {}

    private Profile() {}

    /**
     * Starts a recording of execution samples only, every 10 ms per running thread: JFR's "profile" settings also
     * record allocations, locks and I/O, which on 2 cores slowed the platform by half and skewed the picture.
     */
    static void start(Server server) throws IOException, InterruptedException {
        Path settings = Files.createTempFile("bench-samples", ".jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="bench samples">
                  <event name="jdk.ExecutionSample">
                    <setting name="enabled">true</setting>
                    <setting name="period">10 ms</setting>
                  </event>
                </configuration>
                """);
        server.jcmd("JFR.start", "name=bench", "settings=" + settings.toAbsolutePath());
    }

    static Summary stop(Server server, Path file) throws IOException, InterruptedException {
        server.jcmd("JFR.dump", "name=bench", "filename=" + file.toAbsolutePath());
        server.jcmd("JFR.stop", "name=bench");
        return summarise(file);
    }

    static Summary summarise(Path file) throws IOException {
        long samples = 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> stages = new LinkedHashMap<>();
        Map<String, Long> components = new LinkedHashMap<>();
        STAGES.keySet().forEach(k -> stages.put(k, 0L));
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1L, Long::sum);
            components.merge(component(frames), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                STAGES.forEach((stage, prefix) -> {
                    if (name.startsWith(prefix) && seen.add(stage)) {
                        stages.merge(stage, 1L, Long::sum);
                    }
                });
            }
        }
        long total = Math.max(samples, 1);
        Map<String, Double> stageShares = new LinkedHashMap<>();
        stages.forEach((k, v) -> stageShares.put(k, Stats.round(100.0 * v / total)));
        Map<String, Double> top = new LinkedHashMap<>();
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(self.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        sorted.stream().limit(15).forEach(e -> top.put(e.getKey(), Stats.round(100.0 * e.getValue() / total)));
        Map<String, Double> componentShares = new LinkedHashMap<>();
        components.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> componentShares.put(e.getKey(), Stats.round(100.0 * e.getValue() / total)));
        return new Summary(samples, componentShares, stageShares, top);
    }

    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
                if (name.startsWith(c.getKey())) {
                    return c.getValue();
                }
            }
        }
        return "JDK (threads, I/O, GC)";
    }

    /** Share of samples per direct callee of the first frame matching the prefix (what a method spends on). */
    static Map<String, Double> callees(Path file, String method) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (name(frames.get(i)).startsWith(method)) {
                    counts.merge(i == 0 ? "(self)" : name(frames.get(i - 1)), 1L, Long::sum);
                    break;
                }
            }
        }
        long total = Math.max(samples, 1);
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(12)
                .forEach(e -> out.put(e.getKey(), Stats.round(100.0 * e.getValue() / total)));
        return out;
    }

    /** Summarises a recording: {@code java ... Profile file.jfr [method prefix whose callees to list]...}. */
    public static void main(String[] args) throws IOException {
        Summary s = summarise(Path.of(args[0]));
        System.out.println(s.samples() + " samples");
        s.components().forEach((k, v) -> System.out.println(v + "% " + k));
        s.topSelf().forEach((k, v) -> System.out.println(v + "% " + k));
        for (int i = 1; i < args.length; i++) {
            System.out.println("-- callees of " + args[i]);
            callees(Path.of(args[0]), args[i]).forEach((k, v) -> System.out.println(v + "% " + k));
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
