package io.switchboard.connector;

import java.util.Objects;

/**
 * A rendered message ready to send. The platform has already checked the recipient is not suppressed.
 *
 * @param idempotencyKey the same for every attempt to send this message; pass it to the provider when it
 *     supports idempotent requests so a retry never sends twice
 * @param to an E.164 phone number or an email address
 * @param subject the email subject; empty for SMS
 * @param text the SMS body, or the email's plain-text part
 * @param html the email's HTML part; empty for SMS or text-only email
 */
public record OutboundMessage(String idempotencyKey, String to, String subject, String text, String html) {

    public OutboundMessage {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(to, "to");
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        html = html == null ? "" : html;
    }
}
