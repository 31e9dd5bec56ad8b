package io.switchboard.platform.processing;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes this node's idle workers when work was just enqueued here, so a delivery does not wait for the next
 * poll. Other nodes find the work by polling.
 */
@Component
public class WorkSignal {

    private final Semaphore permits = new Semaphore(0);

    /** Called after a commit that enqueued work. */
    public void workAvailable() {
        if (permits.availablePermits() < 64) {
            permits.release();
        }
    }

    /** Waits for a signal or the timeout. */
    void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
