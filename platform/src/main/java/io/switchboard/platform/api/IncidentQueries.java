package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the incidents API. */
@Component
class IncidentQueries {

    static final String COLUMNS = "id, kind, severity, summary, details::text AS details, delivery_id, status, created_at, "
            + "resolved_at";

    private final TenantDatabase database;
    private final JsonColumns columns;

    IncidentQueries(TenantDatabase database, JsonColumns columns) {
        this.database = database;
        this.columns = columns;
    }

    /** Incidents newest first, before the given id, optionally of one status and severity. */
    List<IncidentController.IncidentView> list(Tenant tenant, String status, String severity, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incidents WHERE id < ?");
        List<Object> params = new ArrayList<>(List.of(beforeId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (severity != null) {
            sql.append(" AND severity = ?");
            params.add(severity);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql.toString()).params(params).query(this::map).list());
    }

    /**
     * Marks the incident resolved; resolving it again keeps the first resolution time. Empty when there is no such
     * incident.
     */
    Optional<IncidentController.IncidentView> resolve(Tenant tenant, long id) {
        return database.inTenant(tenant, jdbc -> {
            jdbc.sql("UPDATE incidents SET status = 'RESOLVED', resolved_at = now() WHERE id = ? AND status = 'OPEN'")
                    .param(id).update();
            return jdbc.sql("SELECT " + COLUMNS + " FROM incidents WHERE id = ?").param(id).query(this::map).optional();
        });
    }

    /** Incidents naming the contact's id in their details or mentioning its email or phone, within a transaction. */
    List<IncidentController.IncidentView> aboutPerson(JdbcClient jdbc, PersonalData person) {
        List<Object> params = new ArrayList<>();
        params.add(Long.toString(person.contactId()));
        String mentions = person.textMentions("summary || ' ' || details::text", params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM incidents WHERE details->>'contactId' = ? OR " + mentions + " ORDER BY id")
                .params(params).query(this::map).list();
    }

    IncidentController.IncidentView map(ResultSet rs, int row) throws SQLException {
        return new IncidentController.IncidentView(Long.toString(rs.getLong("id")), rs.getString("kind"),
                rs.getString("severity"), rs.getString("summary"), columns.object(rs, "details"),
                JsonColumns.id(rs, "delivery_id"), rs.getString("status"), JsonColumns.instant(rs, "created_at"),
                JsonColumns.instant(rs, "resolved_at"));
    }
}
