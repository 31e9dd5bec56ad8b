-- Inserts verified webhook events into this tenant's inbox and returns each new row's id, provider and key,
-- duplicates left out (DeliveryStore, ADR 13). Unlike store_deliveries (V3), it does not queue them: the statement
-- that stores a batch calls this once per tenant in it and queues every new row of the batch with one insert of its
-- own, so the queue table is opened and written once per batch rather than once per tenant. store_deliveries stays
-- for nodes of the previous release during a rolling upgrade.
CREATE FUNCTION insert_deliveries(p_providers text[], p_dedupe_keys text[], p_event_types text[],
                                  p_occurred_at text[], p_headers text[], p_bodies bytea[])
    RETURNS TABLE (stored_id bigint, stored_provider text, stored_dedupe_key text)
    LANGUAGE plpgsql
AS $$
BEGIN
    RETURN QUERY
    INSERT INTO "${flyway:defaultSchema}".deliveries AS d (provider, dedupe_key, event_type, occurred_at, headers, body)
    SELECT r.provider, r.dedupe_key, r.event_type, r.occurred_at::timestamptz, r.headers::jsonb, r.body
    FROM unnest(p_providers, p_dedupe_keys, p_event_types, p_occurred_at, p_headers, p_bodies)
         AS r (provider, dedupe_key, event_type, occurred_at, headers, body)
    ON CONFLICT (provider, dedupe_key) DO NOTHING
    RETURNING d.id, d.provider, d.dedupe_key;
END
$$;
