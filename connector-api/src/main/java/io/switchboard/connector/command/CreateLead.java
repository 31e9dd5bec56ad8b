package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Record a new lead: the contact is created with status LEAD (an existing contact keeps its status), the
 * lead data is kept on its timeline, and the tenant's {@code lead.welcome} notification is queued.
 *
 * @param contact who
 * @param details names and attributes from the lead form
 * @param source where the lead came from, for example {@code facebook}
 * @param sourceId the provider's lead id
 * @param leadData every answer of the lead form, custom questions included
 * @param occurredAt when the lead was created at the provider
 */
public record CreateLead(
        ContactRef contact, ContactDetails details, String source, String sourceId, Map<String, Object> leadData,
        Instant occurredAt) implements Command {
    public CreateLead {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
        leadData = Values.copy(leadData);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
