package io.switchboard.platform.notify;

import io.switchboard.connector.Channel;
import io.switchboard.platform.processing.WorkQueue;
import io.switchboard.platform.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues notifications in the same transaction as the state change that triggers them. One message per
 * channel the template defines and the contact can receive; each message has a dedupe key, so applying the
 * same change twice queues it once, and a stable idempotency key for the provider.
 */
@Component
public class Outbox {

    private final TemplateStore templates;
    private final WorkQueue queue;
    private final JsonMapper json;

    Outbox(TemplateStore templates, WorkQueue queue, JsonMapper json) {
        this.templates = templates;
        this.queue = queue;
        this.json = json;
    }

    /**
     * Queues the template for the contact.
     *
     * @param dedupe identifies the trigger (for example {@code payment:42}); with the channel it makes the
     *     message unique
     * @param smsOnly only the SMS channel (the opt-out confirmation)
     * @param bypassSuppression send even to a suppressed number (only the one opt-out confirmation)
     * @return how many messages were queued
     */
    public int enqueue(JdbcClient jdbc, Tenant tenant, Notification notification) {
        Optional<MessageTemplate> template = templates.resolve(jdbc, notification.templateKey(), notification.eventId());
        if (template.isEmpty()) {
            return 0;
        }
        boolean sms = template.get().hasSms();
        boolean email = !notification.smsOnly() && template.get().hasEmail();
        if (!sms && !email) {
            return 0;
        }
        String smsDedupe = dedupeKey(notification, Channel.SMS);
        String emailDedupe = dedupeKey(notification, Channel.EMAIL);
        // One statement for the messages: the contact's number and address as they are now, and a message per channel
        // that the template has and the contact can be reached on, unless that message was queued before.
        List<Long> ids = jdbc.sql("""
                WITH recipient AS (SELECT phone, email FROM contacts WHERE id = :contact),
                channel (channel, recipient, dedupe_key, idempotency_key, position) AS (
                    SELECT 'SMS', phone, :smsDedupe::text, :smsKey::text, 1
                    FROM recipient WHERE :sms::boolean AND phone IS NOT NULL
                    UNION ALL
                    SELECT 'EMAIL', email, :emailDedupe::text, :emailKey::text, 2
                    FROM recipient WHERE :email::boolean AND email IS NOT NULL)
                INSERT INTO messages (channel, recipient, template_key, contact_id, event_id, variables, dedupe_key,
                    idempotency_key, bypass_suppression)
                SELECT c.channel, c.recipient, :template::text, :contact::bigint, :event::bigint, :variables::jsonb,
                    c.dedupe_key, c.idempotency_key, :bypass::boolean
                FROM channel c ORDER BY c.position
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id""")
                .param("contact", notification.contactId())
                .param("sms", sms)
                .param("smsDedupe", smsDedupe)
                .param("smsKey", idempotencyKey(tenant, smsDedupe))
                .param("email", email)
                .param("emailDedupe", emailDedupe)
                .param("emailKey", idempotencyKey(tenant, emailDedupe))
                .param("template", notification.templateKey())
                .param("event", notification.eventId())
                .param("variables", json.writeValueAsString(notification.variables()))
                .param("bypass", notification.bypassSuppression())
                .query(Long.class).list();
        if (!ids.isEmpty()) {
            queue.enqueueAll(jdbc, "MESSAGE", tenant.id(), ids, Instant.now());
        }
        return ids.size();
    }

    private static String dedupeKey(Notification notification, Channel channel) {
        return notification.dedupe() + ":" + notification.templateKey() + ":" + channel;
    }

    private static String idempotencyKey(Tenant tenant, String dedupeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenant.slug() + "\n" + dedupeKey).getBytes(StandardCharsets.UTF_8));
            return "sb-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A notification to queue.
     *
     * @param templateKey which template
     * @param contactId to whom
     * @param eventId the event whose override applies, or null
     * @param variables extra template variables (amounts, booking time)
     * @param dedupe what triggered it, unique per trigger
     * @param smsOnly only on SMS
     * @param bypassSuppression the opt-out confirmation only
     */
    public record Notification(String templateKey, long contactId, Long eventId, Map<String, Object> variables,
            String dedupe, boolean smsOnly, boolean bypassSuppression) {

        /** An ordinary notification on every channel, suppression enforced. */
        public static Notification of(String templateKey, long contactId, Long eventId, Map<String, Object> variables,
                String dedupe) {
            return new Notification(templateKey, contactId, eventId, variables, dedupe, false, false);
        }
    }
}
