package io.switchboard.connector.command;

import java.util.Map;

/**
 * What a provider tells about a person. Empty fields leave the contact's current values alone.
 *
 * @param firstName given name, or empty
 * @param lastName family name, or empty
 * @param attributes further named values to keep on the contact (merged into its attributes)
 */
public record ContactDetails(String firstName, String lastName, Map<String, Object> attributes) {

    public ContactDetails {
        firstName = firstName == null ? "" : firstName.trim();
        lastName = lastName == null ? "" : lastName.trim();
        attributes = Values.copy(attributes);
    }

    /** No details. */
    public static ContactDetails none() {
        return new ContactDetails("", "", Map.of());
    }

    /** A name only. */
    public static ContactDetails name(String firstName, String lastName) {
        return new ContactDetails(firstName, lastName, Map.of());
    }
}
