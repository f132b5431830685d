-- report-service: generated reports (status, progress, content and the CSV/PDF exports), expiring
-- download links for emailed reports, cron schedules and their runs. A run is unique per
-- (schedule, fire time): the replica whose INSERT succeeds runs it, the others skip it.
CREATE TABLE reports (
    id             uuid        PRIMARY KEY,
    kind           text        NOT NULL,
    title          text        NOT NULL,
    zone           text        NOT NULL,
    period_start   timestamp   NOT NULL,
    period_end     timestamp   NOT NULL,
    period_from    timestamptz NOT NULL,
    period_to      timestamptz NOT NULL,
    spec           jsonb       NOT NULL,
    audiences      text[]      NOT NULL,
    status         text        NOT NULL,
    percent        integer     NOT NULL DEFAULT 0,
    error          text,
    created_at     timestamptz NOT NULL,
    created_by     text,
    created_by_key uuid,
    schedule_id    uuid,
    started_at     timestamptz,
    finished_at    timestamptz,
    updated_at     timestamptz NOT NULL,
    content        jsonb,
    csv            bytea,
    pdf            bytea,
    csv_bytes      integer,
    pdf_bytes      integer
);
CREATE INDEX reports_created ON reports (created_at DESC);
CREATE INDEX reports_open ON reports (status, updated_at) WHERE status IN ('queued', 'running');

CREATE TABLE report_links (
    token_hash text        PRIMARY KEY,
    report_id  uuid        NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    format     text        NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report_schedules (
    id             uuid        PRIMARY KEY,
    name           text        NOT NULL,
    kind           text        NOT NULL,
    cron           text        NOT NULL,
    zone           text        NOT NULL,
    recipients     text[]      NOT NULL,
    formats        text[]      NOT NULL,
    metrics        text[]      NOT NULL DEFAULT '{}',
    group_by       text[]      NOT NULL DEFAULT '{}',
    filters        jsonb       NOT NULL DEFAULT '{}',
    audiences      text[]      NOT NULL,
    created_at     timestamptz NOT NULL,
    created_by     text,
    created_by_key uuid,
    cancelled_at   timestamptz,
    -- the latest fire time dealt with (run, claimed by another replica, or skipped)
    last_fire_time timestamptz
);

CREATE TABLE report_runs (
    id                uuid        PRIMARY KEY,
    schedule_id       uuid        NOT NULL REFERENCES report_schedules (id) ON DELETE CASCADE,
    fire_time         timestamptz NOT NULL,
    status            text        NOT NULL,
    catch_up          boolean     NOT NULL DEFAULT false,
    owner             text        NOT NULL,
    lease_until       timestamptz,
    claimed_at        timestamptz NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    report_id         uuid,
    delivery          text,
    delivery_attempts integer     NOT NULL DEFAULT 0,
    delivery_detail   text,
    error             text,
    UNIQUE (schedule_id, fire_time)
);
CREATE INDEX report_runs_recent ON report_runs (claimed_at DESC);
