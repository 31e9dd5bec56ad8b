-- Every entry is inserted, updated at each claim and deleted when done: the table churns through its whole
-- content, and the claim's index scans slow down as dead rows pile up. Vacuum it after a fixed number of dead rows
-- rather than a fraction of its size, without the cost-based pauses meant for large tables. The platform also
-- vacuums it itself between autovacuum rounds (QueueVacuum).
ALTER TABLE work_items SET (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 5000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0
);

-- Nothing looks entries up by due time across tenants: claims go tenant by tenant (work_items_tenant_due), and the
-- depth sample reads the whole table. The index cost every webhook one more index insertion.
DROP INDEX work_items_due;
