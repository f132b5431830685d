-- API keys (only a SHA-256 of each key is stored) with their roles, and the audit log of every
-- query and administrative action.
CREATE TABLE api_keys (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL,
    key_prefix   text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    roles        text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    key_id      uuid,
    key_name    text,
    service     text        NOT NULL,
    action      text        NOT NULL,
    resource    text        NOT NULL,
    outcome     text        NOT NULL,
    status      integer     NOT NULL,
    duration_ms integer     NOT NULL,
    details     jsonb
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_key ON audit_log (key_id, at);
