-- One tenant's records. Applied to every schema tenant_<slug> at onboarding and at start-up.

CREATE TABLE contacts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text,
    phone           text,
    first_name      text,
    last_name       text,
    status          text        NOT NULL DEFAULT 'LEAD' CHECK (status IN ('LEAD', 'CUSTOMER', 'CHURNED', 'OPTED_OUT')),
    attributes      jsonb       NOT NULL DEFAULT '{}',
    opted_out_at    timestamptz,
    opt_out_keyword text,
    opted_in_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_email ON contacts (email) WHERE email IS NOT NULL;
CREATE INDEX contacts_phone ON contacts (phone) WHERE phone IS NOT NULL;
CREATE INDEX contacts_status ON contacts (status, id);

-- Provider ids of a person (Stripe customer ids), so commands that carry only those find the contact.
CREATE TABLE contact_identities (
    provider        text        NOT NULL,
    external_id     text        NOT NULL,
    contact_id      bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (provider, external_id)
);
CREATE INDEX contact_identities_contact ON contact_identities (contact_id);

CREATE TABLE contact_activities (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id      bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind            text        NOT NULL,
    summary         text        NOT NULL,
    data            jsonb       NOT NULL DEFAULT '{}',
    delivery_id     bigint,
    occurred_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_activities_contact ON contact_activities (contact_id, id);
CREATE UNIQUE INDEX contact_activities_once ON contact_activities (delivery_id, kind, contact_id) WHERE delivery_id IS NOT NULL;

CREATE TABLE events (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                        text        NOT NULL,
    starts_at                   timestamptz,
    stripe_payment_link_id      text UNIQUE,
    acuity_appointment_type_id  text UNIQUE,
    notification_templates      jsonb       NOT NULL DEFAULT '{}',
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attendee_events (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id                bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    contact_id              bigint      NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    payment_status          text        NOT NULL DEFAULT 'PENDING'
        CHECK (payment_status IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'FAILED')),
    booking_status          text        NOT NULL DEFAULT 'NONE'
        CHECK (booking_status IN ('NONE', 'BOOKED', 'RESCHEDULED', 'CANCELLED')),
    amount_paid             bigint,
    amount_refunded         bigint      NOT NULL DEFAULT 0,
    currency                text,
    checkout_session_id     text,
    payment_intent_id       text,
    appointment_id          text,
    booking_starts_at       timestamptz,
    intake_data             jsonb       NOT NULL DEFAULT '{}',
    last_payment_event_at   timestamptz,
    last_booking_event_at   timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, contact_id)
);
CREATE INDEX attendee_events_payment_intent ON attendee_events (payment_intent_id) WHERE payment_intent_id IS NOT NULL;
CREATE INDEX attendee_events_contact ON attendee_events (contact_id);

-- One row per payment (keyed by payment intent, or checkout session when there is none), so a
-- confirmation of a payment already recorded never counts twice, and a refund can arrive first.
CREATE TABLE payments (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_key         text        NOT NULL UNIQUE,
    checkout_session_id text,
    payment_intent_id   text,
    contact_id          bigint      REFERENCES contacts (id) ON DELETE SET NULL,
    event_id            bigint      REFERENCES events (id) ON DELETE SET NULL,
    status              text        NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'FAILED')),
    amount              bigint,
    amount_refunded     bigint      NOT NULL DEFAULT 0,
    currency            text,
    subscription_id     text,
    paid_at             timestamptz,
    refunded_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_checkout_session ON payments (checkout_session_id) WHERE checkout_session_id IS NOT NULL;
CREATE INDEX payments_contact ON payments (contact_id);

CREATE TABLE subscriptions (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_subscription_id    text        NOT NULL UNIQUE,
    contact_id                  bigint      REFERENCES contacts (id) ON DELETE SET NULL,
    status                      text        NOT NULL,
    plan_id                     text,
    plan_name                   text,
    previous_plan_id            text,
    amount                      bigint,
    currency                    text,
    billing_interval            text,
    current_period_end          timestamptz,
    cancel_at_period_end        boolean     NOT NULL DEFAULT false,
    canceled_at                 timestamptz,
    service_suspended           boolean     NOT NULL DEFAULT false,
    failed_payment_count        integer     NOT NULL DEFAULT 0,
    last_payment_success_at     timestamptz,
    last_event_at               timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_contact ON subscriptions (contact_id);

-- Each failed invoice attempt counts once, however often its event is delivered or replayed.
CREATE TABLE invoice_failures (
    invoice_id          text        NOT NULL,
    attempt_count       integer     NOT NULL,
    subscription_id     text,
    occurred_at         timestamptz NOT NULL,
    PRIMARY KEY (invoice_id, attempt_count)
);
CREATE INDEX invoice_failures_subscription ON invoice_failures (subscription_id, occurred_at);

-- The inbox: every verified webhook event, raw, as received.
CREATE TABLE deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider        text        NOT NULL,
    dedupe_key      text        NOT NULL,
    event_type      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    headers         jsonb       NOT NULL DEFAULT '{}',
    body            bytea,
    body_purged_at  timestamptz,
    status          text        NOT NULL DEFAULT 'RECEIVED'
        CHECK (status IN ('RECEIVED', 'PROCESSED', 'IGNORED', 'RETRYING', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    processed_at    timestamptz,
    UNIQUE (provider, dedupe_key)
);
CREATE INDEX deliveries_status ON deliveries (status, id);
CREATE INDEX deliveries_received ON deliveries (received_at);

-- Outbox and log of every outbound message.
CREATE TABLE messages (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel             text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    recipient           text        NOT NULL,
    template_key        text        NOT NULL,
    contact_id          bigint      REFERENCES contacts (id) ON DELETE SET NULL,
    event_id            bigint      REFERENCES events (id) ON DELETE SET NULL,
    variables           jsonb       NOT NULL DEFAULT '{}',
    status              text        NOT NULL DEFAULT 'QUEUED'
        CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'SUPPRESSED')),
    provider            text,
    provider_message_id text,
    attempts            integer     NOT NULL DEFAULT 0,
    last_error          text,
    dedupe_key          text        NOT NULL UNIQUE,
    idempotency_key     text        NOT NULL UNIQUE,
    bypass_suppression  boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    sent_at             timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_contact ON messages (contact_id);

-- Numbers (and addresses) that must never be messaged on a channel. The hash outlives GDPR erasure.
CREATE TABLE suppressions (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel             text        NOT NULL,
    address             text,
    address_hash        text        NOT NULL,
    reason              text        NOT NULL,
    keyword             text,
    source_message_id   text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel, address_hash)
);

CREATE TABLE templates (
    key             text        PRIMARY KEY,
    locale          text        NOT NULL DEFAULT 'fr',
    sms             text,
    email_subject   text,
    email_html      text,
    email_text      text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE incidents (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text        NOT NULL,
    severity        text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'ERROR')),
    summary         text        NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}',
    delivery_id     bigint,
    status          text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz
);
CREATE UNIQUE INDEX incidents_once_per_delivery ON incidents (delivery_id, kind) WHERE delivery_id IS NOT NULL;

CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor           text        NOT NULL,
    action          text        NOT NULL,
    resource        text        NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now()
);
