package io.switchboard.connectors.acuity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What is particular to this connector's test event; the contract test checks the rest (verify, ignore, new keys). */
class AcuityTestEventTest {

    private static final String URL = "https://switchboard.example.com/webhooks/acme/acuity";

    private final AcuityConnector connector = new AcuityConnector();

    @Test
    void testEventTypeIsNotListedAsAnAcuityEvent() {
        assertThat(connector.descriptor().eventTypes()).doesNotContain("switchboard.test_event");
    }
}
