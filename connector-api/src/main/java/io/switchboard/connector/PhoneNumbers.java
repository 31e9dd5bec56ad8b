package io.switchboard.connector;

import java.util.Optional;

/** Phone numbers in the E.164 form the platform stores and matches on ({@code +} and up to 15 digits). */
public final class PhoneNumbers {

    private PhoneNumbers() {}

    /**
     * Normalises a number as people type it. International forms ({@code +33 6 12 34 56 78},
     * {@code 0033612345678}) are kept; a national form with a trunk {@code 0} ({@code 06 12 34 56 78}) gets
     * the default calling code when one is given.
     *
     * @param raw the number as entered
     * @param defaultCallingCode the country calling code for national numbers, for example {@code 33}, or empty
     * @return the E.164 number, or empty when the input is not a plausible phone number
     */
    public static Optional<String> toE164(String raw, String defaultCallingCode) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = raw.trim().replaceAll("[\\s().\\-/]", "");
        boolean plus = digits.startsWith("+");
        if (plus) {
            digits = digits.substring(1);
        }
        if (!digits.matches("\\d+")) {
            return Optional.empty();
        }
        String international;
        if (plus) {
            international = digits;
        } else if (digits.startsWith("00")) {
            international = digits.substring(2);
        } else if (digits.startsWith("0") && defaultCallingCode != null && defaultCallingCode.matches("\\d{1,3}")) {
            international = defaultCallingCode + digits.substring(1);
        } else if (digits.length() == 11 && digits.startsWith("1")) {
            international = digits;
        } else {
            return Optional.empty();
        }
        if (international.length() < 8 || international.length() > 15 || international.startsWith("0")) {
            return Optional.empty();
        }
        return Optional.of("+" + international);
    }
}
