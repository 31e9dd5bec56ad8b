-- A worker's claim in one call (WorkQueue, ADR 15). Before, a claim was a read to choose the tenant and a
-- transaction of its own to lease that tenant's entries: five round trips, and two statements that PostgreSQL
-- planned afresh at every call, since a custom plan looked cheaper to it than the generic one. With webhooks
-- arriving at a steady rate over many tenants, a claim takes only a few entries, and that fixed cost per claim was
-- a large part of PostgreSQL's time. Here the statements are planned once per server process (plpgsql caches
-- them; plan_cache_mode keeps the generic plan, whose index choice is the one every call needs) and a claim is one
-- round trip.
--
-- Both functions are VOLATILE, so each statement in them takes a new snapshot: the lease update sees the leases
-- committed by the worker that held the tenant's claim lock just before.

-- Leases up to p_limit of the tenant's due entries, oldest first, skipping those another worker holds, unless
-- p_max_workers other workers hold some already. Claims of one tenant are serialised on an advisory lock (held to
-- the end of the calling transaction); a worker that finds it taken leaves the tenant to the one claiming it.
CREATE FUNCTION claim_tenant(p_tenant_id bigint, p_worker text, p_limit integer, p_lease_seconds double precision,
                             p_max_workers integer)
    RETURNS TABLE (id bigint, kind text, tenant_id bigint, item_id bigint, attempts integer)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtextextended('claim:' || p_tenant_id, 0)) THEN
        RETURN;
    END IF;
    RETURN QUERY
    UPDATE queue.work_items w SET locked_until = now() + make_interval(secs => p_lease_seconds), locked_by = p_worker,
        attempts = w.attempts + 1
    WHERE w.id IN (
        SELECT d.id FROM queue.work_items d
        WHERE d.tenant_id = p_tenant_id AND d.run_at <= now() AND (d.locked_until IS NULL OR d.locked_until < now())
        ORDER BY d.run_at, d.id
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED)
      AND (SELECT count(DISTINCT l.locked_by) FROM queue.work_items l
           WHERE l.tenant_id = p_tenant_id AND l.locked_until > now() AND l.locked_by <> p_worker) < p_max_workers
    RETURNING w.id, w.kind, w.tenant_id, w.item_id, w.attempts;
END
$$;

-- The first tenant after p_after (in id order) that has due entries and fewer than p_max_workers workers on it;
-- NULL when there is none. A read: if it locked rows too, every row another worker changed meanwhile would make
-- PostgreSQL re-run it (EvalPlanQual) for that row, and on a large, churning queue those re-runs took minutes.
CREATE FUNCTION next_tenant_with_work(p_after bigint, p_max_workers integer)
    RETURNS bigint
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    found_tenant bigint;
BEGIN
    WITH RECURSIVE tenants (tenant_id) AS (
        (SELECT w.tenant_id FROM queue.work_items w WHERE w.tenant_id > p_after ORDER BY w.tenant_id LIMIT 1)
        UNION ALL
        SELECT (SELECT w.tenant_id FROM queue.work_items w WHERE w.tenant_id > tenants.tenant_id
                ORDER BY w.tenant_id LIMIT 1)
        FROM tenants WHERE tenants.tenant_id IS NOT NULL
    )
    SELECT tenants.tenant_id INTO found_tenant FROM tenants
    WHERE tenants.tenant_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM queue.work_items d WHERE d.tenant_id = tenants.tenant_id
                  AND d.run_at <= now() AND (d.locked_until IS NULL OR d.locked_until < now()))
      AND (SELECT count(DISTINCT l.locked_by) FROM queue.work_items l
           WHERE l.tenant_id = tenants.tenant_id AND l.locked_until > now()) < p_max_workers
    LIMIT 1;
    RETURN found_tenant;
END
$$;

-- Claims up to p_limit due entries of one tenant: the first tenant after p_after (in id order, wrapping around)
-- that has due entries and is not already worked on by p_max_workers workers. A tenant whose due entries other
-- workers took in between gives nothing, and the next one is tried, three tenants at most. Going round the tenants
-- keeps a tenant with a large backlog from delaying the others; the cap keeps a tenant whose provider is slow from
-- holding every worker. Returns the claimed entries, all of one tenant; none when nothing was claimed.
CREATE FUNCTION claim_work(p_after bigint, p_worker text, p_limit integer, p_lease_seconds double precision,
                           p_max_workers integer)
    RETURNS TABLE (id bigint, kind text, tenant_id bigint, item_id bigint, attempts integer)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    after_tenant bigint := p_after;
    wrapped boolean := p_after = 0;
    candidate bigint;
BEGIN
    FOR try IN 1 .. 3 LOOP
        candidate := queue.next_tenant_with_work(after_tenant, p_max_workers);
        IF candidate IS NULL AND NOT wrapped THEN
            wrapped := true;
            candidate := queue.next_tenant_with_work(0, p_max_workers);
        END IF;
        IF candidate IS NULL THEN
            RETURN;
        END IF;
        RETURN QUERY SELECT * FROM queue.claim_tenant(candidate, p_worker, p_limit, p_lease_seconds, p_max_workers);
        IF FOUND THEN
            RETURN;
        END IF;
        after_tenant := candidate;
    END LOOP;
END
$$;
