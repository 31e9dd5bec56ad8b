-- Stores a batch of verified webhook events that may belong to many tenants of this database (DeliveryStore,
-- ADR 13): for each tenant in turn, its slice of the arrays goes to its schema's insert_deliveries (tenant
-- migration V4), whose insert that server process plans once per tenant. Each new row's tenant, id, provider and
-- key is returned, duplicates left out; the caller queues the new rows in the same statement.
--
-- The statement that calls this has the same text whatever the tenants in the batch, so the driver prepares it
-- once per connection; when the statement named each tenant's function itself, parsing and planning it took about
-- a fifth of PostgreSQL's time with webhooks spread over 1,000 tenants. The schema names come from the platform's
-- own tenant records (derived from validated slugs) and are quoted here all the same.
CREATE FUNCTION store_webhooks(p_tenant_ids bigint[], p_schemas text[], p_counts integer[], p_providers text[],
                               p_dedupe_keys text[], p_event_types text[], p_occurred_at text[], p_headers text[],
                               p_bodies bytea[])
    RETURNS TABLE (tenant_id bigint, stored_id bigint, stored_provider text, stored_dedupe_key text)
    LANGUAGE plpgsql
AS $$
DECLARE
    first integer := 1;
    last integer;
BEGIN
    IF cardinality(p_tenant_ids) <> cardinality(p_schemas) OR cardinality(p_tenant_ids) <> cardinality(p_counts) THEN
        RAISE EXCEPTION 'store_webhooks: % tenants, % schemas, % counts', cardinality(p_tenant_ids),
            cardinality(p_schemas), cardinality(p_counts);
    END IF;
    FOR i IN 1 .. cardinality(p_tenant_ids) LOOP
        last := first + p_counts[i] - 1;
        RETURN QUERY EXECUTE format('SELECT $1, s.stored_id, s.stored_provider, s.stored_dedupe_key'
                                    ' FROM %I.insert_deliveries($2, $3, $4, $5, $6, $7) s', p_schemas[i])
            USING p_tenant_ids[i], p_providers[first:last], p_dedupe_keys[first:last], p_event_types[first:last],
                  p_occurred_at[first:last], p_headers[first:last], p_bodies[first:last];
        first := last + 1;
    END LOOP;
    IF first - 1 <> cardinality(p_providers) THEN
        RAISE EXCEPTION 'store_webhooks: counts add up to %, % events given', first - 1, cardinality(p_providers);
    END IF;
END
$$;
