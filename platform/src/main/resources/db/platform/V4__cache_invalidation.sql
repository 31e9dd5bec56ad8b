-- Every node caches tenants and connections (decrypted) on the webhook path. A change, made through any node or
-- straight in SQL, is announced to all of them when it commits, so that none keeps serving the old row
-- (CacheInvalidation, ADR 14). Payloads: 'tenant:<id>:<slug>', 'connection:<tenant id>:<provider>'.

-- Arguments: the topic, then the columns whose values make the key. The old row and the new are both announced.
CREATE FUNCTION notify_cache_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
    payload text;
BEGIN
    FOREACH r IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
                             CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END] LOOP
        CONTINUE WHEN r IS NULL;
        payload := TG_ARGV[0];
        FOR i IN 1 .. TG_NARGS - 1 LOOP
            payload := payload || ':' || (r ->> TG_ARGV[i]);
        END LOOP;
        PERFORM pg_notify('switchboard_cache', payload);
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER tenants_changed AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION notify_cache_change('tenant', 'id', 'slug');

CREATE TRIGGER connections_changed AFTER INSERT OR UPDATE OR DELETE ON connections
    FOR EACH ROW EXECUTE FUNCTION notify_cache_change('connection', 'tenant_id', 'provider');
