package io.switchboard.platform.api;

import io.switchboard.platform.tenancy.Tenant;
import io.switchboard.platform.tenancy.TenantDatabase;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Records every write made through the API in the tenant's audit log: who, what, which resource, when. */
@Component
public class AuditLog {

    private final TenantDatabase database;
    private final JsonMapper json;

    AuditLog(TenantDatabase database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    /** Records a write by the current caller. Details must hold no secrets. */
    public void record(Tenant tenant, String action, String resource, Map<String, Object> details) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String actor = caller == null ? "system" : caller.getName();
        database.runInTenant(tenant, jdbc -> jdbc.sql(
                        "INSERT INTO audit_log (actor, action, resource, details) VALUES (?, ?, ?, ?::jsonb)")
                .params(actor, action, resource, json.writeValueAsString(details)).update());
    }
}
