package io.switchboard.connector;

import io.switchboard.connector.command.Command;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link WebhookConnector#interpret}. */
public sealed interface Interpretation {

    /**
     * Apply these commands, all in one transaction. The delivery ends PROCESSED.
     *
     * @param commands what to change in the tenant's records, in order
     */
    record Apply(List<Command> commands) implements Interpretation {
        public Apply {
            commands = List.copyOf(commands);
        }
    }

    /**
     * Nothing to do for this event (an event type the connector does not handle). The delivery ends IGNORED.
     *
     * @param reason shown on the delivery
     */
    record Ignore(String reason) implements Interpretation {
        public Ignore {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A temporary failure (the provider API is down or rate-limited). The platform retries with backoff.
     *
     * @param reason shown on the delivery
     * @param notBefore the least time to wait, {@link Duration#ZERO} to use the platform's backoff
     */
    record Retry(String reason, Duration notBefore) implements Interpretation {
        public Retry {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /**
     * A permanent failure: retrying cannot help (credentials refused, the object does not exist). The
     * delivery is dead-lettered at once and an incident is logged; it can be replayed after a fix.
     *
     * @param reason shown on the delivery and the incident
     */
    record Fail(String reason) implements Interpretation {
        public Fail {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Apply the given commands. */
    static Interpretation apply(Command... commands) {
        return new Apply(List.of(commands));
    }

    /** Apply the given commands. */
    static Interpretation apply(List<Command> commands) {
        return new Apply(commands);
    }

    /** Ignore the event. */
    static Interpretation ignore(String reason) {
        return new Ignore(reason);
    }

    /** Retry later with the platform's backoff. */
    static Interpretation retry(String reason) {
        return new Retry(reason, Duration.ZERO);
    }

    /** Fail permanently. */
    static Interpretation fail(String reason) {
        return new Fail(reason);
    }
}
