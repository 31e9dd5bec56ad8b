package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A timeline entry on a contact for a provider event that no other command covers (an inbound SMS, a
 * form submission). The contact is created as a LEAD when unknown.
 *
 * @param contact who
 * @param kind a stable machine name, for example {@code sms.inbound}
 * @param summary one readable sentence
 * @param data structured content
 * @param occurredAt when it happened
 */
public record RecordContactActivity(
        ContactRef contact, String kind, String summary, Map<String, Object> data, Instant occurredAt)
        implements Command {
    public RecordContactActivity {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        data = Values.copy(data);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
