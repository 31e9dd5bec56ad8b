package io.switchboard.platform.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StorageCircuitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StorageCircuit circuit = new StorageCircuit(now::get);

    @Test
    void everyRequestTriesWhileTheDatabaseAnswers() {
        circuit.succeeded();
        assertThat(circuit.allows()).isTrue();
        assertThat(circuit.allows()).isTrue();
    }

    @Test
    void afterAFailureNoneTriesForAMomentThenOneAtATimeProbes() {
        circuit.failed();
        assertThat(circuit.allows()).isFalse();
        now.addAndGet(StorageCircuit.OPEN_FOR.toNanos() - 1);
        assertThat(circuit.allows()).isFalse();

        now.addAndGet(1);
        assertThat(circuit.allows()).as("the probe").isTrue();
        assertThat(circuit.allows()).as("others while the probe is out").isFalse();

        circuit.failed();
        assertThat(circuit.allows()).as("the probe failed: another moment").isFalse();
        now.addAndGet(StorageCircuit.OPEN_FOR.toNanos());
        assertThat(circuit.allows()).isTrue();
        circuit.succeeded();
        assertThat(circuit.allows()).isTrue();
        assertThat(circuit.allows()).isTrue();
    }

    @Test
    void itKeepsTimeAcrossTheWrapOfNanoTime() {
        now.set(Long.MAX_VALUE - 10);
        circuit.failed();
        now.set(Long.MAX_VALUE);
        assertThat(circuit.allows()).isFalse();
        now.addAndGet(StorageCircuit.OPEN_FOR.toNanos());
        assertThat(circuit.allows()).isTrue();
    }
}
