package io.switchboard.platform.support;

import java.nio.charset.StandardCharsets;

/** Variations of the Stripe checkout fixture with fresh ids, for tests that need many distinct events. */
public final class StripeEvents {

    private static final String EVENT_ID = "evt_1ToUHNRk2TqLm7ZdydeYpnGj";
    private static final String PAYMENT_INTENT = "pi_3TvBtxRk2TqLm7Zdd8I3Ouh8";
    private static final String SESSION = "cs_test_a1QldTgMalr0lMlleIqsXhCYfI3NkoALE6on6WMsrGUvS2Ttok5CWuKFYP";

    private StripeEvents() {}

    /** The payment-link checkout fixture with the event, session and payment intent ids made unique by the suffix. */
    public static byte[] checkout(byte[] fixture, String suffix) {
        String text = new String(fixture, StandardCharsets.UTF_8)
                .replace(EVENT_ID, "evt_" + suffix)
                .replace(PAYMENT_INTENT, "pi_" + suffix)
                .replace(SESSION, "cs_test_" + suffix);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
