-- The work queue, on every database that holds tenant schemas, so that a delivery and its queue entry
-- commit in one transaction. Workers claim entries with FOR UPDATE SKIP LOCKED.

CREATE TABLE work_items (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('DELIVERY', 'MESSAGE')),
    tenant_id       bigint      NOT NULL,
    item_id         bigint      NOT NULL,
    run_at          timestamptz NOT NULL DEFAULT now(),
    locked_until    timestamptz,
    locked_by       text,
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, tenant_id, item_id)
);
CREATE INDEX work_items_due ON work_items (run_at);
CREATE INDEX work_items_tenant ON work_items (tenant_id);
