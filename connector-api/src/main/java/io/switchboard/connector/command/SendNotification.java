package io.switchboard.connector.command;

import java.util.Map;
import java.util.Objects;

/**
 * Queue the tenant's template {@code templateKey} for a contact, on every channel the template defines.
 * Nothing is queued when the tenant has no such template. Suppression is checked when it is sent.
 *
 * @param templateKey for example {@code sms.auto_reply}
 * @param recipient who receives it
 * @param event the event whose template overrides the tenant's default, or {@link EventKey#none()}
 * @param variables extra template variables
 */
public record SendNotification(String templateKey, ContactRef recipient, EventKey event, Map<String, Object> variables)
        implements Command {
    public SendNotification {
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(event, "event");
        variables = Values.copy(variables);
    }
}
