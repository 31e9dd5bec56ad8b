-- Stores verified webhook events in this tenant's inbox and queues the new ones (DeliveryStore, ADR 13), as a
-- function: a PostgreSQL server process plans its two inserts once per tenant and keeps the plan. The statement
-- that stores a batch of webhooks calls it once per tenant in the batch, so that statement's text differs from one
-- batch to the next; when it held the inserts themselves, parsing and planning them was about a third of
-- PostgreSQL's time with webhooks spread over 1,000 tenants (bench/results/latest.md).
-- Rows are inserted in the order given (DeliveryStore sorts them by key, so that two statements carrying the same
-- keys cannot deadlock); each new row's provider and key is returned, duplicates are left out.
CREATE FUNCTION store_deliveries(p_tenant_id bigint, p_providers text[], p_dedupe_keys text[], p_event_types text[],
                                 p_occurred_at text[], p_headers text[], p_bodies bytea[])
    RETURNS TABLE (stored_provider text, stored_dedupe_key text)
    LANGUAGE plpgsql
AS $$
BEGIN
    RETURN QUERY
    WITH stored AS (
        INSERT INTO "${flyway:defaultSchema}".deliveries AS d (provider, dedupe_key, event_type, occurred_at, headers, body)
        SELECT r.provider, r.dedupe_key, r.event_type, r.occurred_at::timestamptz, r.headers::jsonb, r.body
        FROM unnest(p_providers, p_dedupe_keys, p_event_types, p_occurred_at, p_headers, p_bodies)
             AS r (provider, dedupe_key, event_type, occurred_at, headers, body)
        ON CONFLICT (provider, dedupe_key) DO NOTHING
        RETURNING d.id, d.provider, d.dedupe_key),
    queued AS (
        INSERT INTO queue.work_items (kind, tenant_id, item_id)
        SELECT 'DELIVERY', p_tenant_id, s.id FROM stored s)
    SELECT s.provider, s.dedupe_key FROM stored s;
END
$$;
