-- Companies (tenants). Later bundles (org) add their own details in their own tables.
CREATE TABLE platform_tenant (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- People who log in to the REST API and web UIs (JAAS realm "sentral").
CREATE TABLE platform_account (
    username       text PRIMARY KEY,
    tenant         text NOT NULL REFERENCES platform_tenant (id),
    password_hash  text NOT NULL,
    roles          text[] NOT NULL,
    departments    text[] NOT NULL DEFAULT '{}',
    disabled       boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_account_tenant ON platform_account (tenant);

-- API tokens for systems; only a hash of the token is kept.
CREATE TABLE platform_api_token (
    id          text PRIMARY KEY,
    tenant      text NOT NULL REFERENCES platform_tenant (id),
    name        text NOT NULL,
    token_hash  text NOT NULL UNIQUE,
    roles       text[] NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX platform_api_token_tenant ON platform_api_token (tenant);

-- The append-only audit log: who, when, tenant, entity, before/after.
CREATE TABLE platform_audit_log (
    seq          bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    tenant       text NOT NULL,
    actor        text NOT NULL,
    entity_type  text NOT NULL,
    entity_id    text NOT NULL,
    action       text NOT NULL,
    before       jsonb,
    after        jsonb
);
CREATE INDEX platform_audit_log_entity ON platform_audit_log (tenant, entity_type, entity_id, seq);
CREATE INDEX platform_audit_log_actor ON platform_audit_log (tenant, actor, seq);
CREATE INDEX platform_audit_log_at ON platform_audit_log (tenant, at);

-- Append-only is enforced by the database itself, not only by the code that writes it.
CREATE FUNCTION platform_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'platform_audit_log is append-only';
END $$;
CREATE TRIGGER platform_audit_log_no_update BEFORE UPDATE OR DELETE ON platform_audit_log
    FOR EACH ROW EXECUTE FUNCTION platform_audit_log_is_append_only();
CREATE TRIGGER platform_audit_log_no_truncate BEFORE TRUNCATE ON platform_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION platform_audit_log_is_append_only();

-- Which events each consumer has handled (idempotent consumption on the event id).
CREATE TABLE platform_event_consumed (
    consumer     text NOT NULL,
    event_id     text NOT NULL,
    consumed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX platform_event_consumed_at ON platform_event_consumed (consumed_at);
