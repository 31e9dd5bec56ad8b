package io.switchboard.platform.processing;

import io.switchboard.platform.tenancy.Tenant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Processes claimed queue entries of one kind. */
public interface WorkHandler {

    /** The kind handled: DELIVERY or MESSAGE. */
    String kind();

    /**
     * Processes the entry and records the outcome: completes it, or reschedules it. Must not throw for
     * expected failures.
     */
    void handle(Tenant tenant, WorkItem item);

    /** Records an unexpected failure of {@link #handle}: reschedule with backoff or dead-letter. */
    void failed(Tenant tenant, WorkItem item, Exception error);

    /**
     * Processes entries of one tenant claimed together, in their order, while {@code carryOn} holds; the entries
     * left when it stops holding are taken again once their lease ends. By default one by one, each through
     * {@link #handle}, an unexpected failure recorded with {@link #failed}.
     */
    default void handleAll(Tenant tenant, List<WorkItem> items, BooleanSupplier carryOn) {
        for (WorkItem item : items) {
            if (!carryOn.getAsBoolean()) {
                return;
            }
            String key = item.kind().equals("DELIVERY") ? "delivery" : "message";
            MDC.put(key, Long.toString(item.itemId()));
            try {
                handle(tenant, item);
            } catch (RuntimeException e) {
                reportFailure(tenant, item, e);
            } finally {
                MDC.remove(key);
            }
        }
    }

    /** Logs an unexpected failure and records it with {@link #failed}; a failure to record it is logged too. */
    default void reportFailure(Tenant tenant, WorkItem item, Exception error) {
        Logger log = LoggerFactory.getLogger(getClass());
        log.warn("Processing {} {} failed: {}", item.kind(), item.itemId(), error.toString());
        try {
            failed(tenant, item, error);
        } catch (RuntimeException again) {
            log.error("Could not record the failure of {} {}; its lease will expire and it will be retried",
                    item.kind(), item.itemId(), again);
        }
    }
}
