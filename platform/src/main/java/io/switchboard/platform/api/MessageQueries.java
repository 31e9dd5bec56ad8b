package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the messages API: the outbox and log of every outbound message. */
@Component
class MessageQueries {

    static final String COLUMNS = "id, channel, recipient, template_key, contact_id, event_id, status, provider, "
            + "provider_message_id, attempts, last_error, created_at, sent_at, updated_at";

    private final TenantDatabase database;

    MessageQueries(TenantDatabase database) {
        this.database = database;
    }

    /** Messages newest first, before the given id, optionally of one status and channel. */
    List<MessageController.MessageView> list(Tenant tenant, String status, String channel, Long contactId, long beforeId,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM messages WHERE id < ?");
        List<Object> params = new ArrayList<>(List.of(beforeId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (channel != null) {
            sql.append(" AND channel = ?");
            params.add(channel);
        }
        if (contactId != null) {
            sql.append(" AND contact_id = ?");
            params.add(contactId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql.toString()).params(params).query(MessageQueries::map).list());
    }

    /** Messages to the contact or to one of its addresses, within a tenant transaction. */
    static List<MessageController.MessageView> toPerson(JdbcClient jdbc, PersonalData person) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE contact_id = ? OR lower(recipient) IN (?, ?) ORDER BY id")
                .params(person.contactId(), lower(person.email()), lower(person.phone()))
                .query(MessageQueries::map).list();
    }

    static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    static MessageController.MessageView map(ResultSet rs, int row) throws SQLException {
        return new MessageController.MessageView(Long.toString(rs.getLong("id")), rs.getString("channel"),
                rs.getString("recipient"), rs.getString("template_key"), JsonColumns.id(rs, "contact_id"),
                JsonColumns.id(rs, "event_id"), rs.getString("status"), rs.getString("provider"),
                rs.getString("provider_message_id"), rs.getInt("attempts"), rs.getString("last_error"),
                JsonColumns.instant(rs, "created_at"), JsonColumns.instant(rs, "sent_at"), JsonColumns.instant(rs, "updated_at"));
    }
}
