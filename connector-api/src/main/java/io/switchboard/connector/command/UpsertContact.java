package io.switchboard.connector.command;

import java.time.Instant;
import java.util.Objects;

/**
 * Find or create a contact and fill in what is known about them.
 *
 * @param contact who
 * @param details names and attributes; empty values leave existing ones alone
 * @param statusIfNew the status a newly created contact gets
 * @param occurredAt when the provider learned this
 */
public record UpsertContact(ContactRef contact, ContactDetails details, ContactStatus statusIfNew, Instant occurredAt)
        implements Command {
    public UpsertContact {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(statusIfNew, "statusIfNew");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
