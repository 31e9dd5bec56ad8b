-- The intake (ADR 18): where a verified webhook is made durable before its 200, whatever its tenant. The request
-- path writes one statement of fixed text into two shared tables (this one and the queue) instead of a statement
-- per tenant into each tenant's inbox, so taking in webhooks spread over many tenants costs what it costs for one.
-- A worker then moves a tenant's rows into that tenant's inbox (the tenant schema's take_intake, tenant migration
-- V5), many rows of one tenant at a time, and processes them. A row lives here from its receipt to that move:
-- milliseconds when workers keep up, longer under a burst, never after its move has committed.
-- (Queue migration V7 was withdrawn before it was released; its number is not reused.)

CREATE TABLE intake (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint      NOT NULL,
    provider        text        NOT NULL,
    dedupe_key      text        NOT NULL,
    event_type      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    headers         jsonb       NOT NULL DEFAULT '{}',
    body            bytea,
    -- a provider's retry while the first copy waits here stores nothing; one arriving after the move is dropped
    -- by the inbox's own unique key when it is moved in turn
    UNIQUE (tenant_id, provider, dedupe_key)
);

-- Every row is inserted once and deleted once: vacuum after a fixed number of dead rows, as for the queue (V3).
ALTER TABLE intake SET (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 5000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0
);

-- INTAKE entries point at intake rows still to be moved into their tenant's inbox.
ALTER TABLE work_items DROP CONSTRAINT work_items_kind_check;
ALTER TABLE work_items ADD CONSTRAINT work_items_kind_check CHECK (kind IN ('INTAKE', 'DELIVERY', 'MESSAGE'));

-- Takes in a batch of verified webhook events, of any tenants of this database, in one statement of fixed text:
-- each new row gets an INTAKE queue entry; duplicates (the same tenant, provider and key already here, or twice in
-- the batch) are left out. Returns each new row's tenant, provider and key. Rows are inserted in the order given
-- (DeliveryStore sorts them by tenant and key, so that two statements carrying the same keys cannot deadlock).
-- A function, so that a server process plans its two inserts once and keeps the plan.
CREATE FUNCTION take_in(p_tenant_ids bigint[], p_providers text[], p_dedupe_keys text[], p_event_types text[],
                        p_occurred_at text[], p_headers text[], p_bodies bytea[])
    RETURNS TABLE (stored_tenant_id bigint, stored_provider text, stored_dedupe_key text)
    LANGUAGE plpgsql
AS $$
BEGIN
    RETURN QUERY
    WITH stored AS (
        INSERT INTO queue.intake AS i (tenant_id, provider, dedupe_key, event_type, occurred_at, headers, body)
        SELECT r.tenant_id, r.provider, r.dedupe_key, r.event_type, r.occurred_at::timestamptz, r.headers::jsonb, r.body
        FROM unnest(p_tenant_ids, p_providers, p_dedupe_keys, p_event_types, p_occurred_at, p_headers, p_bodies)
             AS r (tenant_id, provider, dedupe_key, event_type, occurred_at, headers, body)
        ON CONFLICT (tenant_id, provider, dedupe_key) DO NOTHING
        RETURNING i.id, i.tenant_id, i.provider, i.dedupe_key),
    queued AS (
        INSERT INTO queue.work_items (kind, tenant_id, item_id)
        SELECT 'INTAKE', s.tenant_id, s.id FROM stored s)
    SELECT s.tenant_id, s.provider, s.dedupe_key FROM stored s;
END
$$;
