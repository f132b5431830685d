-- alert-service: alerts (one row per episode of a rule and group key: pending -> firing ->
-- resolved, or pending -> inactive), their timeline, silences, the notification outbox with every
-- delivery attempt, and the evaluation lease that keeps two replicas from evaluating the same
-- cycle. All times come from the service's clock.
CREATE TABLE alerts (
    id                uuid        PRIMARY KEY,
    rule_name         text        NOT NULL,
    group_key         text        NOT NULL,
    group_labels      jsonb       NOT NULL,
    labels            jsonb       NOT NULL,
    annotations       jsonb       NOT NULL,
    severity          text        NOT NULL,
    state             text        NOT NULL,
    condition         text        NOT NULL,
    rule_window       text        NOT NULL,
    value             numeric,
    threshold         numeric,
    summary           text        NOT NULL,
    details           jsonb       NOT NULL,
    routes            jsonb       NOT NULL,
    started_at        timestamptz NOT NULL,
    fired_at          timestamptz,
    resolved_at       timestamptz,
    last_evaluated_at timestamptz NOT NULL,
    last_true_at      timestamptz NOT NULL,
    last_notified_at  timestamptz,
    notified          boolean     NOT NULL DEFAULT false,
    acked_at          timestamptz,
    acked_by          text,
    acked_by_key      uuid,
    ack_comment       text,
    silenced_by       uuid
);

-- one active alert per rule and group key, whatever the number of replicas
CREATE UNIQUE INDEX alerts_one_active ON alerts (rule_name, group_key) WHERE state IN ('pending', 'firing');
CREATE INDEX alerts_started ON alerts (started_at);
CREATE INDEX alerts_rule_started ON alerts (rule_name, started_at);

CREATE TABLE alert_events (
    id        bigserial   PRIMARY KEY,
    alert_id  uuid        REFERENCES alerts (id),
    rule_name text,
    at        timestamptz NOT NULL,
    kind      text        NOT NULL,
    actor     text,
    message   text        NOT NULL,
    details   jsonb
);

CREATE INDEX alert_events_alert ON alert_events (alert_id, at);
CREATE INDEX alert_events_at ON alert_events (at);

CREATE TABLE silences (
    id         uuid        PRIMARY KEY,
    matchers   jsonb       NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    comment    text        NOT NULL,
    created_by text,
    created_at timestamptz NOT NULL,
    expired_by text
);

CREATE INDEX silences_ends ON silences (ends_at);

-- The outbox: written in the same transaction as the alert change that causes it, delivered by
-- any replica (rows are claimed with a lease), retried with back-off until delivered or given up.
CREATE TABLE notifications (
    id              bigserial   PRIMARY KEY,
    alert_id        uuid        NOT NULL REFERENCES alerts (id),
    receiver        text        NOT NULL,
    kind            text        NOT NULL,
    dedup           text        NOT NULL UNIQUE,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz
);

CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX notifications_alert ON notifications (alert_id, receiver, id);

CREATE TABLE notification_attempts (
    id              bigserial   PRIMARY KEY,
    notification_id bigint      NOT NULL REFERENCES notifications (id),
    receiver        text        NOT NULL,
    attempt         integer     NOT NULL,
    at              timestamptz NOT NULL,
    outcome         text        NOT NULL,
    status_code     integer,
    error           text,
    duration_ms     integer     NOT NULL,
    worker          text        NOT NULL
);

CREATE INDEX notification_attempts_notification ON notification_attempts (notification_id);
CREATE INDEX notification_attempts_receiver ON notification_attempts (receiver, at);

CREATE TABLE alert_evaluation_lease (
    name          text        PRIMARY KEY,
    holder        text        NOT NULL,
    last_cycle_at timestamptz NOT NULL,
    cycles        bigint      NOT NULL
);
