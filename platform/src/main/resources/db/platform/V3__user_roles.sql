-- A console user is a tenant ADMIN (manages the tenant's people and API clients) or a MEMBER (uses the console
-- only). Users who existed before roles keep what they could do, so they become ADMIN; new users always get
-- an explicit role from the API.
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'ADMIN' CHECK (role IN ('ADMIN', 'MEMBER'));
ALTER TABLE users ALTER COLUMN role DROP DEFAULT;
