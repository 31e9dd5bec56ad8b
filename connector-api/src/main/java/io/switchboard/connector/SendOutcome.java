package io.switchboard.connector;

import java.time.Duration;
import java.util.Objects;

/** The result of {@link MessageChannel#send}. */
public sealed interface SendOutcome {

    /**
     * The provider accepted the message.
     *
     * @param providerMessageId the provider's id for it (Twilio SID, Resend id)
     */
    record Sent(String providerMessageId) implements SendOutcome {
        public Sent {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /**
     * A temporary failure (5xx, 429, time-out); the platform retries with the same idempotency key.
     *
     * @param reason for the message log
     * @param notBefore the least time to wait (a {@code Retry-After}), or {@link Duration#ZERO}
     */
    record RetryLater(String reason, Duration notBefore) implements SendOutcome {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /**
     * A permanent refusal; the message ends FAILED and an incident is logged.
     *
     * @param reason for the message log and the incident
     * @param recipientOptedOut true when the provider says the recipient unsubscribed (Twilio 21610): the
     *     platform then adds the recipient to the tenant's suppression list
     */
    record Rejected(String reason, boolean recipientOptedOut) implements SendOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
