package io.switchboard.connector.command;

import java.util.Locale;
import java.util.Objects;

/**
 * How a command names a person: by email (matched case-insensitively), phone number (E.164) and/or the
 * provider's customer id. At least one is set. The platform finds the contact by email, then phone, then
 * customer id, creates it when none matches, and remembers the customer id for later commands.
 *
 * @param email an email address, or empty
 * @param phone an E.164 phone number such as {@code +33612345678}, or empty
 * @param customerId the provider's id for the person (Stripe {@code cus_...}), or empty
 */
public record ContactRef(String email, String phone, String customerId) {

    public ContactRef {
        email = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        phone = phone == null ? "" : phone.trim();
        customerId = customerId == null ? "" : customerId.trim();
        if (email.isEmpty() && phone.isEmpty() && customerId.isEmpty()) {
            throw new IllegalArgumentException("a contact needs an email, a phone number or a customer id");
        }
    }

    /** A contact known by email and/or phone. */
    public ContactRef(String email, String phone) {
        this(email, phone, "");
    }

    /** A contact known by email. */
    public static ContactRef byEmail(String email) {
        return new ContactRef(Objects.requireNonNull(email), "", "");
    }

    /** A contact known by phone. */
    public static ContactRef byPhone(String phone) {
        return new ContactRef("", Objects.requireNonNull(phone), "");
    }

    /** A contact known only by the provider's customer id. */
    public static ContactRef byCustomerId(String customerId) {
        return new ContactRef("", "", Objects.requireNonNull(customerId));
    }

    /** Whether this reference carries a customer id. */
    public boolean hasCustomerId() {
        return !customerId.isEmpty();
    }

    /** Whether this reference carries an email. */
    public boolean hasEmail() {
        return !email.isEmpty();
    }

    /** Whether this reference carries a phone number. */
    public boolean hasPhone() {
        return !phone.isEmpty();
    }
}
