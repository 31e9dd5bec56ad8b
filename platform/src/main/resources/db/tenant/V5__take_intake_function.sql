-- Moves this tenant's webhooks from the database's intake into its inbox (IntakeMover, ADR 18), in the caller's
-- transaction: the claimed INTAKE queue entries and their intake rows are deleted, the events inserted into the
-- inbox with the time they were received (an event already there, by provider and key, is dropped: the inbox's
-- unique key is where duplicates end), and each new delivery gets a DELIVERY queue entry leased to the worker that
-- held the INTAKE entries, for as long, so that the same worker processes it next. Entries another worker moved
-- meanwhile (a lease that ran out) are not found, and nothing is moved twice. Returns the new entries and their
-- deliveries.
--
-- A function, so that a server process plans its statement once per tenant and keeps the plan: the workers go from
-- one tenant's schema to the next, and a statement sent from the platform would be planned again at every change.
--
-- Since ADR 18 the request path no longer calls store_deliveries (V3) or insert_deliveries (V4); they stay for
-- nodes of the previous release during a rolling upgrade, and a later migration drops them.
CREATE FUNCTION take_intake(p_tenant_id bigint, p_work_ids bigint[])
    RETURNS TABLE (work_id bigint, delivery_id bigint)
    LANGUAGE plpgsql
    -- its plans are generic ones, made whatever the intake's size when they were made: every read here wants a few
    -- rows by key, which the indexes give at any size (as for the claim, queue migration V6)
    SET enable_seqscan = off
AS $$
DECLARE
    intake_ids bigint[];
    lease_holder text;
    lease_end timestamptz;
BEGIN
    WITH claimed AS (
        DELETE FROM queue.work_items w
        WHERE w.id = ANY (p_work_ids) AND w.kind = 'INTAKE' AND w.tenant_id = p_tenant_id
        RETURNING w.item_id, w.locked_by, w.locked_until)
    SELECT array_agg(c.item_id), max(c.locked_by), max(c.locked_until) INTO intake_ids, lease_holder, lease_end
    FROM claimed c;
    IF intake_ids IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH taken AS (
        DELETE FROM queue.intake i
        WHERE i.id = ANY (intake_ids) AND i.tenant_id = p_tenant_id
        RETURNING i.provider, i.dedupe_key, i.event_type, i.occurred_at, i.received_at, i.headers, i.body),
    stored AS (
        INSERT INTO "${flyway:defaultSchema}".deliveries AS d
            (provider, dedupe_key, event_type, occurred_at, received_at, headers, body)
        SELECT t.provider, t.dedupe_key, t.event_type, t.occurred_at, t.received_at, t.headers, t.body
        FROM taken t ORDER BY t.provider, t.dedupe_key
        ON CONFLICT (provider, dedupe_key) DO NOTHING
        RETURNING d.id)
    INSERT INTO queue.work_items AS q (kind, tenant_id, item_id, locked_until, locked_by, attempts)
    SELECT 'DELIVERY', p_tenant_id, s.id, lease_end, lease_holder, 1 FROM stored s
    ORDER BY s.id
    RETURNING q.id, q.item_id;
END
$$;
