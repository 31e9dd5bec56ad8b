package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Objects;

/**
 * A person said STOP. At once: the contact becomes OPTED_OUT with the time and keyword kept as evidence,
 * the number joins the tenant's suppression list, one confirmation SMS ({@code sms.opt_out.confirmation})
 * is queued and an incident row is written. Nothing else is ever sent to the number by SMS.
 *
 * @param phone the E.164 number that opted out
 * @param keyword the keyword as recognised, for example {@code STOP}
 * @param messageId the provider's id of the inbound message, as evidence
 * @param occurredAt when the message arrived
 */
public record OptOut(String phone, String keyword, String messageId, Instant occurredAt) implements Command {
    public OptOut {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(keyword, "keyword");
        messageId = messageId == null ? "" : messageId;
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
