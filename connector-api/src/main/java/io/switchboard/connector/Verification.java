package io.switchboard.connector;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link WebhookConnector#verify}. */
public sealed interface Verification {

    /**
     * The request is authentic.
     *
     * @param events the events it carries (at least one)
     * @param acknowledgement the answer to give the provider once they are stored
     */
    record Verified(List<ReceivedEvent> events, Acknowledgement acknowledgement) implements Verification {
        public Verified {
            events = List.copyOf(events);
            Objects.requireNonNull(acknowledgement, "acknowledgement");
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a verified request carries at least one event");
            }
        }
    }

    /**
     * The request is not authentic or not understood; nothing is stored and the provider gets a 400.
     *
     * @param reason why, for logs and metrics; never include secrets or the body
     */
    record Rejected(String reason) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A verified request with one event and the default acknowledgement. */
    static Verification verified(ReceivedEvent event) {
        return new Verified(List.of(event), Acknowledgement.ok());
    }

    /** A rejection. */
    static Verification rejected(String reason) {
        return new Rejected(reason);
    }
}
