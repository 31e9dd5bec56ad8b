-- Claims go tenant by tenant (round robin): find the next tenant with work, then its oldest due entries.
CREATE INDEX work_items_tenant_due ON work_items (tenant_id, run_at, id);
-- In-flight entries per tenant, to keep one tenant from holding every worker.
CREATE INDEX work_items_locked ON work_items (tenant_id, locked_by) WHERE locked_until IS NOT NULL;
DROP INDEX work_items_tenant;
