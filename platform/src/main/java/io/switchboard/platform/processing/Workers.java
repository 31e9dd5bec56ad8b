package io.switchboard.platform.processing;

import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.database.Placement;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker threads: per placement, a few threads that claim queue entries and hand each to the handler
 * of its kind. Each worker goes round the tenants with work, and no tenant gets more than all workers but one,
 * so one tenant's backlog or slow provider never stalls the others. A worker never dies of a failure; it
 * records it and moves on.
 */
@Component
class Workers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private final SwitchboardProperties.Processing settings;
    private final Placements placements;
    private final TenantRegistry tenants;
    private final WorkQueue queue;
    private final WorkSignal signal;
    private final Map<String, WorkHandler> handlers;
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    Workers(SwitchboardProperties properties, Placements placements, TenantRegistry tenants, WorkQueue queue,
            WorkSignal signal, List<WorkHandler> handlers) {
        this.settings = properties.processing();
        this.placements = placements;
        this.tenants = tenants;
        this.queue = queue;
        this.signal = signal;
        this.handlers = handlers.stream().collect(Collectors.toMap(WorkHandler::kind, Function.identity()));
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || running) {
            return;
        }
        running = true;
        for (Placement placement : placements.all()) {
            for (int i = 0; i < settings.workers(); i++) {
                String workerId = nodeId + "/" + placement.name() + "-" + i;
                Thread thread = new Thread(() -> loop(placement, workerId), "worker-" + placement.name() + "-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }
        log.info("Started {} workers on {} placement(s)", threads.size(), placements.all().size());
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop(Placement placement, String workerId) {
        long lastTenant = 0;
        int maxWorkersPerTenant = Math.max(1, settings.workers() - 1);
        while (running) {
            try {
                WorkQueue.Claim claim = queue.claim(placement, workerId, settings.batchSize(), settings.lease(), lastTenant,
                        maxWorkersPerTenant);
                lastTenant = claim.tenantId();
                List<WorkItem> items = claim.items();
                if (!items.isEmpty()) {
                    process(placement, items);
                }
                if (items.isEmpty()) {
                    signal.await(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Worker {} could not claim work: {}", workerId, e.getMessage());
                sleep(settings.pollInterval().multipliedBy(5));
            }
        }
    }

    /** Hands a claim (one tenant's entries) to the handlers, each kind's entries together and in claim order. */
    private void process(Placement placement, List<WorkItem> items) {
        Optional<Tenant> tenant = tenants.findById(items.get(0).tenantId());
        Map<String, List<WorkItem>> byKind = new LinkedHashMap<>();
        items.forEach(item -> byKind.computeIfAbsent(item.kind(), kind -> new ArrayList<>()).add(item));
        for (Map.Entry<String, List<WorkItem>> entries : byKind.entrySet()) {
            WorkHandler handler = handlers.get(entries.getKey());
            if (tenant.isEmpty() || handler == null) {
                placement.tx().executeWithoutResult(s -> queue.discardAll(placement.jdbc(), entries.getValue()));
                continue;
            }
            MDC.put("tenant", tenant.get().slug());
            try {
                handler.handleAll(tenant.get(), entries.getValue(), () -> running);
            } catch (RuntimeException e) {
                // handlers record their own failures; this one escaped: the entries' leases run out and they are retried
                log.error("Processing {} {} entries failed", entries.getValue().size(), entries.getKey(), e);
            } finally {
                MDC.clear();
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
