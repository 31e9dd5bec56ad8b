package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the subscriptions API. */
@Component
class SubscriptionQueries {

    static final String COLUMNS = "id, provider_subscription_id, contact_id, status, plan_id, plan_name, amount, currency, "
            + "billing_interval, current_period_end, cancel_at_period_end, canceled_at, service_suspended, "
            + "failed_payment_count, created_at, updated_at";

    private final TenantDatabase database;

    SubscriptionQueries(TenantDatabase database) {
        this.database = database;
    }

    /** Subscriptions in id order after the given id, optionally of one status or one contact. */
    List<SubscriptionController.SubscriptionView> list(Tenant tenant, String status, Long contactId, long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM subscriptions WHERE id > ?");
        List<Object> params = new ArrayList<>(List.of(afterId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (contactId != null) {
            sql.append(" AND contact_id = ?");
            params.add(contactId);
        }
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit);
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql.toString()).params(params).query(SubscriptionQueries::map).list());
    }

    /** The contact's subscriptions, within a tenant transaction. */
    static List<SubscriptionController.SubscriptionView> ofContact(JdbcClient jdbc, long contactId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE contact_id = ? ORDER BY id").param(contactId)
                .query(SubscriptionQueries::map).list();
    }

    static SubscriptionController.SubscriptionView map(ResultSet rs, int row) throws SQLException {
        return new SubscriptionController.SubscriptionView(Long.toString(rs.getLong("id")),
                rs.getString("provider_subscription_id"), rs.getString("status"), rs.getString("plan_id"),
                rs.getString("plan_name"), JsonColumns.longOrNull(rs, "amount"), rs.getString("currency"),
                rs.getString("billing_interval"), JsonColumns.instant(rs, "current_period_end"),
                rs.getBoolean("cancel_at_period_end"), JsonColumns.instant(rs, "canceled_at"),
                rs.getBoolean("service_suspended"), rs.getInt("failed_payment_count"), JsonColumns.id(rs, "contact_id"),
                JsonColumns.instant(rs, "created_at"), JsonColumns.instant(rs, "updated_at"));
    }
}
