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

/** The SQL of the contacts API. */
@Component
class ContactQueries {

    static final String COLUMNS = "id, email, phone, first_name, last_name, status, attributes::text AS attributes, "
            + "opted_out_at, opt_out_keyword, opted_in_at, created_at, updated_at";

    private final TenantDatabase database;
    private final JsonColumns columns;

    ContactQueries(TenantDatabase database, JsonColumns columns) {
        this.database = database;
        this.columns = columns;
    }

    /**
     * Contacts in id order after the given id. Email matches ignoring case; phone matches on its digits, so
     * {@code +33 6 12 34 56 78} finds {@code +33612345678} (and a {@code +} sent unencoded in a query string, which
     * arrives as a space, still matches).
     */
    List<ContactController.ContactView> list(Tenant tenant, ContactController.Filter filter, long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM contacts WHERE id > ?");
        List<Object> params = new ArrayList<>(List.of(afterId));
        if (filter.email() != null) {
            sql.append(" AND lower(email) = lower(?)");
            params.add(filter.email());
        }
        if (filter.phoneDigits() != null) {
            sql.append(" AND regexp_replace(phone, '[^0-9]', '', 'g') = ?");
            params.add(filter.phoneDigits());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status());
        }
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit);
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql.toString()).params(params).query(this::contact).list());
    }

    Optional<ContactController.ContactView> find(Tenant tenant, long id) {
        return database.inTenant(tenant, jdbc -> find(jdbc, id));
    }

    Optional<ContactController.ContactView> find(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id = ?").param(id).query(this::contact).optional();
    }

    ContactController.ContactView contact(ResultSet rs, int row) throws SQLException {
        return new ContactController.ContactView(Long.toString(rs.getLong("id")), rs.getString("email"), rs.getString("phone"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("status"), columns.object(rs, "attributes"),
                JsonColumns.instant(rs, "opted_out_at"), rs.getString("opt_out_keyword"), JsonColumns.instant(rs, "opted_in_at"),
                JsonColumns.instant(rs, "created_at"), JsonColumns.instant(rs, "updated_at"));
    }
}
