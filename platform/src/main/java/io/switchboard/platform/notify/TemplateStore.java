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
        // One statement: the event's override (none when eventId is null) beside the tenant's default.
        return jdbc.sql("""
                SELECT (SELECT e.notification_templates -> :key::text FROM events e WHERE e.id = :event)::text AS override,
                    t.locale, t.sms, t.email_subject, t.email_html, t.email_text
                FROM (VALUES (1)) AS one (x) LEFT JOIN templates t ON t.key = :key""")
                .param("key", key)
                .param("event", eventId)
                .query((rs, row) -> {
                    String override = rs.getString("override");
                    if (override != null && !override.equals("null")) {
                        return Optional.of(fromJson(json.readTree(override)));
                    }
                    if (rs.getString("locale") != null) {
                        return Optional.of(new MessageTemplate(rs.getString("locale"), rs.getString("sms"),
                                rs.getString("email_subject"), rs.getString("email_html"), rs.getString("email_text")));
                    }
                    return Optional.ofNullable(BUILT_IN.get(key));
                })
                .single();
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
