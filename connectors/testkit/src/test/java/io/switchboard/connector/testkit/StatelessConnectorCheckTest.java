package io.switchboard.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatelessConnectorCheckTest {

    @SuppressWarnings("unused")
    static class Stateless {
        private final List<String> eventTypes = List.of("a", "b");
        private final Map<String, String> labels = Map.of("a", "A");
        private final Pattern sid = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");
        private final String name = "stateless";
    }

    @SuppressWarnings("unused")
    static class Stateful extends Stateless {
        private static int calls;
        private String lastTenant = "";
        private final Map<String, String> cache = new HashMap<>();
        private final List<String> seen = new ArrayList<>();
        private final byte[] buffer = new byte[16];
        private final AtomicLong counter = new AtomicLong();
        private final ThreadLocal<String> tenant = new ThreadLocal<>();
    }

    @Test
    void finalFieldsWithImmutableValuesPass() {
        assertThat(StatelessConnectorCheck.mutableState(new Stateless())).isEmpty();
    }

    @Test
    void everyFieldThatCanChangeIsReportedIncludingInheritedOnes() {
        assertThat(StatelessConnectorCheck.mutableState(new Stateful())).containsExactlyInAnyOrder(
                "Stateful.calls is not final (static)",
                "Stateful.lastTenant is not final",
                "Stateful.cache holds a modifiable HashMap",
                "Stateful.seen holds a modifiable ArrayList",
                "Stateful.buffer holds an array, whose elements can change",
                "Stateful.counter holds a mutable AtomicLong",
                "Stateful.tenant holds a mutable ThreadLocal");
    }
}
