package io.switchboard.platform.ingress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Whether a placement's database is worth trying for the next webhook. Once reaching it failed, webhooks for it
 * are answered 503 at once for a moment instead of each waiting out the pool's connection time-out: under a steady
 * stream of webhooks, that wait would hold a request thread per webhook and exhaust them all within seconds. When
 * the moment is over, one request at a time goes through to find out whether the database is back.
 */
final class StorageCircuit {

    static final Duration OPEN_FOR = Duration.ofSeconds(1);

    private final LongSupplier nanoTime;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean open;
    private volatile long openUntil;

    StorageCircuit(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether this request may try the database. */
    boolean allows() {
        if (!open) {
            return true;
        }
        if (nanoTime.getAsLong() - openUntil < 0) {
            return false;
        }
        return probing.compareAndSet(false, true);
    }

    /** The database answered. */
    void succeeded() {
        open = false;
        probing.set(false);
    }

    /** The database could not be reached. */
    void failed() {
        openUntil = nanoTime.getAsLong() + OPEN_FOR.toNanos();
        open = true;
        probing.set(false);
    }
}
