-- The platform's own records: who the tenants are, where their data lives, how their providers are connected.

CREATE TABLE tenants (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            text        NOT NULL UNIQUE,
    name            text        NOT NULL,
    schema_name     text        NOT NULL UNIQUE,
    status          text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    placement       text        NOT NULL DEFAULT 'main',
    schema_version  text        NOT NULL DEFAULT '0',
    retention_days  integer     NOT NULL DEFAULT 30,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE connections (
    tenant_id       bigint      NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    provider        text        NOT NULL,
    enabled         boolean     NOT NULL DEFAULT true,
    settings        jsonb       NOT NULL DEFAULT '{}',
    secrets         bytea,
    secrets_key_id  text,
    secret_fields   text[]      NOT NULL DEFAULT '{}',
    route_key       text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider)
);
CREATE INDEX connections_route_key ON connections (provider, route_key) WHERE route_key IS NOT NULL;

-- OAuth2 clients of the embedded authorization server: the bootstrap admin and tenants' API clients.
CREATE TABLE api_clients (
    id              text        PRIMARY KEY,
    client_id       text        NOT NULL UNIQUE,
    secret_hash     text        NOT NULL,
    name            text        NOT NULL,
    tenant_slug     text,
    scopes          text[]      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz
);
CREATE INDEX api_clients_tenant ON api_clients (tenant_slug);

-- The authorization server's token signing key, encrypted with the secrets vault.
CREATE TABLE signing_keys (
    kid             text        PRIMARY KEY,
    key_ciphertext  bytea       NOT NULL,
    key_id          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
