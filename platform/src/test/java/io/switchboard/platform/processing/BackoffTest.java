package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofHours(1));

    @ParameterizedTest
    @CsvSource({"0, 2000", "1, 2000", "2, 4000", "3, 8000", "4, 16000", "10, 1024000", "12, 3600000", "40, 3600000",
        "2147483647, 3600000"})
    void eachFailureDoublesTheDelayUpToTheCapWithin20PercentJitter(int attempts, long nominalMillis) {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(attempts).toMillis())
                    .isBetween((long) (nominalMillis * 0.8), (long) (nominalMillis * 1.2));
        }
    }

    @Test
    void theJitterSpreadsRetriesOfTheSameAttempt() {
        assertThat(IntStream.range(0, 200).mapToObj(i -> backoff.after(3)).distinct().count())
                .as("retries of many deliveries that failed together do not all come back at once")
                .isGreaterThan(50);
    }

    @Test
    void aTinyBaseNeverGivesAZeroDelay() {
        assertThat(new Backoff(Duration.ZERO, Duration.ofSeconds(1)).after(1)).isPositive();
    }
}
