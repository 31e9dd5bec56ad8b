package io.switchboard.platform.processing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base, 2 x base, 4 x base, ... capped, each within +-20 %. */
public record Backoff(Duration base, Duration max) {

    /** The delay before the attempt after {@code attempts} failed ones. */
    public Duration after(int attempts) {
        long baseMillis = base.toMillis();
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        long delay = Math.min(max.toMillis(), baseMillis * (1L << exponent));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (delay * jitter)));
    }
}
