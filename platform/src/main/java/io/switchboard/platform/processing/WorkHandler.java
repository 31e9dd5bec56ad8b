package io.switchboard.platform.processing;

import io.switchboard.platform.tenancy.Tenant;

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
}
