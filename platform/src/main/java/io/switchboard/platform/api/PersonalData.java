package io.switchboard.platform.api;

import io.switchboard.platform.notify.Suppressions;
import io.switchboard.platform.tenancy.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What identifies one person in a tenant's records (email, phone, provider customer ids) and how to find those
 * values in free text, JSON and raw webhook bodies, for the GDPR export and erasure. Raw bodies are searched as
 * bytes in the forms providers send them: as is (JSON), URL-encoded (Twilio's forms) and the phone's bare digits.
 *
 * @param contactId the contact
 * @param email the email address, or null
 * @param phone the phone number, or null
 * @param customerIds the provider customer ids linked to the contact (Stripe cus_...)
 */
record PersonalData(long contactId, String email, String phone, List<String> customerIds) {

    /** Text put where personal data was. */
    static final String ERASED = "[erased]";
    /** Fewer digits than this could be anything (an amount, a year), so bare digits are not searched for. */
    private static final int MIN_PHONE_DIGITS = 8;

    /** The contact's identifying values, within a tenant transaction; empty when there is no such contact. */
    static Optional<PersonalData> of(JdbcClient jdbc, long contactId) {
        return jdbc.sql("SELECT email, phone FROM contacts WHERE id = ?").param(contactId)
                .query((rs, row) -> new PersonalData(contactId, blankToNull(rs.getString("email")),
                        blankToNull(rs.getString("phone")),
                        jdbc.sql("SELECT external_id FROM contact_identities WHERE contact_id = ? ORDER BY external_id")
                                .param(contactId).query(String.class).list()))
                .optional();
    }

    /** The values as they may appear in stored text, lower case, longest first (so a phone goes before its digits). */
    List<String> terms() {
        Set<String> terms = new LinkedHashSet<>();
        for (String value : new String[] {email, phone}) {
            if (value != null) {
                terms.add(value.toLowerCase(Locale.ROOT));
                terms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
            }
        }
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        if (digits.length() >= MIN_PHONE_DIGITS) {
            terms.add(digits);
        }
        customerIds.forEach(id -> terms.add(id.toLowerCase(Locale.ROOT)));
        return terms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Whether there is anything to look for (a contact may have neither email nor phone). */
    boolean identifiable() {
        return !terms().isEmpty();
    }

    /**
     * An SQL condition true when the bytea column contains any term, ignoring ASCII case; its parameters are
     * added to {@code params}. The bytes are compared in PostgreSQL's escape encoding, which is the same for
     * the column and the term, so bodies that are not UTF-8 are searched too.
     */
    String bytesMention(String column, List<Object> params) {
        return anyOf(params, "strpos(lower(encode(" + column + ", 'escape')), "
                + "lower(encode(convert_to(?, 'UTF8'), 'escape'))) > 0");
    }

    /** An SQL condition true when the text (or json cast to text) expression contains any term, ignoring case. */
    String textMentions(String expression, List<Object> params) {
        return anyOf(params, "strpos(lower(" + expression + "), ?) > 0");
    }

    /** A PostgreSQL regular expression matching any term (for {@code regexp_replace(..., 'gi')}). */
    String pattern() {
        return terms().stream().map(PersonalData::literal).collect(Collectors.joining("|"));
    }

    private String anyOf(List<Object> params, String test) {
        List<String> tests = new ArrayList<>();
        for (String term : terms()) {
            tests.add(test);
            params.add(term);
        }
        return tests.isEmpty() ? "false" : "(" + String.join(" OR ", tests) + ")";
    }

    /** The text as a regular-expression literal: in PostgreSQL's AREs a backslash before a non-alphanumeric is that character. */
    private static String literal(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    /** The hashes the person's addresses are suppressed under (see {@link Suppressions#hash}). */
    List<String> suppressionHashes(Tenant tenant) {
        List<String> hashes = new ArrayList<>();
        for (String value : new String[] {email, phone}) {
            if (value != null) {
                hashes.add(Suppressions.hash(tenant, value));
            }
        }
        return hashes;
    }

    /** The person's addresses, lower case, as messages and suppressions store them. */
    List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        for (String value : new String[] {email, phone}) {
            if (value != null) {
                addresses.add(value.toLowerCase(Locale.ROOT));
            }
        }
        return addresses;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
