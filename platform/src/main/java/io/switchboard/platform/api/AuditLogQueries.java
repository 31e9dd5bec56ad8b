package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The SQL of the audit log API. */
@Component
class AuditLogQueries {

    private final TenantDatabase database;
    private final JsonColumns columns;

    AuditLogQueries(TenantDatabase database, JsonColumns columns) {
        this.database = database;
        this.columns = columns;
    }

    /** Entries newest first, before the given id, optionally of one action and one resource. */
    List<AuditLogController.AuditEntry> list(Tenant tenant, String action, String resource, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, actor, action, resource, details::text AS details, created_at FROM audit_log WHERE id < ?");
        List<Object> params = new ArrayList<>(List.of(beforeId));
        if (action != null) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (resource != null) {
            sql.append(" AND resource = ?");
            params.add(resource);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql.toString()).params(params).query(this::map).list());
    }

    private AuditLogController.AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditLogController.AuditEntry(Long.toString(rs.getLong("id")), rs.getString("actor"),
                rs.getString("action"), rs.getString("resource"), columns.object(rs, "details"),
                JsonColumns.instant(rs, "created_at"));
    }
}
