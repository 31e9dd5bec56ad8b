package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Objects;

/**
 * A person re-subscribed (START). The number leaves the suppression list and the contact its OPTED_OUT
 * status, with the time kept. Older than the last opt-out: recorded, not applied.
 *
 * @param phone the E.164 number
 * @param keyword the keyword as recognised
 * @param messageId the provider's id of the inbound message
 * @param occurredAt when the message arrived
 */
public record OptIn(String phone, String keyword, String messageId, Instant occurredAt) implements Command {
    public OptIn {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(keyword, "keyword");
        messageId = messageId == null ? "" : messageId;
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
