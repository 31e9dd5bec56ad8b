package io.switchboard.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.processing.ConnectorCalls.ConnectorCallException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Connector code runs with a time limit, on its own threads, and its failures come back as one exception type. */
class ConnectorCallsTest {

    private final ConnectorCalls calls = new ConnectorCalls(new SwitchboardProperties(null, null, null, null, null, null,
            null, null, new SwitchboardProperties.Processing(true, 1, 1, 3, Duration.ofMillis(50), Duration.ofSeconds(30),
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(300)),
            null, null, null));

    @AfterEach
    void stop() {
        calls.destroy();
        MDC.clear();
    }

    @Test
    void returnsWhatTheCallReturns() {
        assertThat(calls.call("demo", () -> "result")).isEqualTo("result");
    }

    @Test
    void abandonsACallThatIgnoresInterruptionAtTheTimeLimit() {
        AtomicBoolean stillRunning = new AtomicBoolean();
        long started = System.nanoTime();

        assertThatThrownBy(() -> calls.call("demo interpret", () -> {
            stillRunning.set(true);
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    // a plugin deaf to cancellation
                }
            }
            stillRunning.set(false);
            return "too late";
        })).isInstanceOf(ConnectorCallException.class).hasMessage("demo interpret took longer than 300 ms");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(stillRunning).as("the abandoned call is still running on its own thread").isTrue();
    }

    @Test
    void reportsExceptionsAndLinkageErrorsOfTheCall() {
        assertThatThrownBy(() -> calls.call("demo interpret", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(ConnectorCallException.class)
                .hasMessage("demo interpret failed: java.lang.IllegalStateException: boom")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> calls.call("demo interpret", () -> {
            throw new NoClassDefFoundError("com/example/Gone");
        })).isInstanceOf(ConnectorCallException.class).hasCauseInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void theCallSeesTheCallersLogContextAndLeavesNoneBehind() {
        MDC.put("tenant", "acme");
        MDC.put("delivery", "42");

        assertThat(calls.call("demo", () -> MDC.get("tenant") + "/" + MDC.get("delivery"))).isEqualTo("acme/42");
        MDC.clear();
        assertThat(calls.call("demo", () -> String.valueOf(MDC.get("tenant")))).isEqualTo("null");
    }
}
