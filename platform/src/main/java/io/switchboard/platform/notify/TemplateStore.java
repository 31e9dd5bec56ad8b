package io.switchboard.platform.notify;

import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves the template for a key: the event's override ({@code events.notification_templates}), then the
 * tenant's default ({@code templates}), then the platform's built-in default where one exists.
 */
@Component
public class TemplateStore {

    /** Built-in defaults: the opt-out confirmation must always be sendable. */
    static final Map<String, MessageTemplate> BUILT_IN = Map.of(
            "sms.opt_out.confirmation", new MessageTemplate("fr", "Vous êtes désabonné. Plus de SMS.", "", "", ""));

    private final JsonMapper json;

    TemplateStore(JsonMapper json) {
        this.json = json;
    }

    /** The template for the key, within a tenant transaction. */
    public Optional<MessageTemplate> resolve(JdbcClient jdbc, String key, Long eventId) {
        if (eventId != null) {
            Optional<String> override = jdbc.sql("SELECT notification_templates -> ? ::text FROM events WHERE id = ?")
                    .params(key, eventId).query(String.class).optional().filter(s -> s != null && !s.equals("null"));
            if (override.isPresent()) {
                return Optional.of(fromJson(json.readTree(override.get())));
            }
        }
        Optional<MessageTemplate> tenantDefault = jdbc.sql("""
                SELECT locale, sms, email_subject, email_html, email_text FROM templates WHERE key = ?""")
                .param(key)
                .query((rs, row) -> new MessageTemplate(rs.getString("locale"), rs.getString("sms"),
                        rs.getString("email_subject"), rs.getString("email_html"), rs.getString("email_text")))
                .optional();
        return tenantDefault.or(() -> Optional.ofNullable(BUILT_IN.get(key)));
    }

    /** Reads the API's template shape {@code {"locale","sms","email":{"subject","html","text"}}}. */
    public static MessageTemplate fromJson(JsonNode node) {
        JsonNode email = node.path("email");
        return new MessageTemplate(text(node, "locale"), text(node, "sms"), text(email, "subject"), text(email, "html"),
                text(email, "text"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : "";
    }
}
