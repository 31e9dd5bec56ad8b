package io.switchboard.platform.notify;

import io.switchboard.connector.Channel;
import io.switchboard.platform.processing.WorkQueue;
import io.switchboard.platform.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
        Map<String, Object> contact = jdbc.sql("SELECT email, phone FROM contacts WHERE id = ?")
                .param(notification.contactId()).query().singleRow();
        int queued = 0;
        if (template.get().hasSms() && contact.get("phone") != null) {
            queued += insert(jdbc, tenant, notification, Channel.SMS, (String) contact.get("phone"));
        }
        if (!notification.smsOnly() && template.get().hasEmail() && contact.get("email") != null) {
            queued += insert(jdbc, tenant, notification, Channel.EMAIL, (String) contact.get("email"));
        }
        return queued;
    }

    private int insert(JdbcClient jdbc, Tenant tenant, Notification notification, Channel channel, String recipient) {
        String dedupeKey = notification.dedupe() + ":" + notification.templateKey() + ":" + channel;
        Optional<Long> id = jdbc.sql("""
                INSERT INTO messages (channel, recipient, template_key, contact_id, event_id, variables, dedupe_key,
                    idempotency_key, bypass_suppression)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id""")
                .params(channel.name(), recipient, notification.templateKey(), notification.contactId(),
                        notification.eventId(), json.writeValueAsString(notification.variables()), dedupeKey,
                        idempotencyKey(tenant, dedupeKey), notification.bypassSuppression())
                .query(Long.class).optional();
        id.ifPresent(messageId -> queue.enqueue(jdbc, "MESSAGE", tenant.id(), messageId, Instant.now()));
        return id.isPresent() ? 1 : 0;
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
