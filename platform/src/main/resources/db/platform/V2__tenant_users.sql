-- People who sign in to the tenant console. Emails are stored lower-case, so uniqueness ignores case; a
-- disabled user keeps its row (the audit trail names it) and frees its email for a new account.
-- Users go with their tenant when it is offboarded.
CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_slug     text        NOT NULL REFERENCES tenants (slug) ON DELETE CASCADE,
    email           text        NOT NULL CHECK (email = lower(email)),
    password_hash   text        NOT NULL,
    name            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    disabled_at     timestamptz
);
CREATE UNIQUE INDEX users_active_email ON users (tenant_slug, email) WHERE disabled_at IS NULL;
CREATE INDEX users_tenant ON users (tenant_slug, id);
