-- The raw event archive (every accepted event, deduplicated by event id) and the record of events
-- the aggregator found later than the grace period. With TimescaleDB the archive is a hypertable
-- (V3); on plain PostgreSQL it is range-partitioned by day, partitions being created ahead and
-- dropped after the retention period by the archiver.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       AND current_setting('shared_preload_libraries', true) LIKE '%timescaledb%' THEN
        CREATE TABLE events (
            event_time  timestamptz NOT NULL,
            event_id    uuid        NOT NULL,
            event_type  text        NOT NULL,
            entity_type text        NOT NULL,
            entity_id   text        NOT NULL,
            user_id     uuid,
            properties  jsonb       NOT NULL,
            context     jsonb,
            ingested_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (event_time, event_id)
        );
    ELSE
        CREATE TABLE events (
            event_time  timestamptz NOT NULL,
            event_id    uuid        NOT NULL,
            event_type  text        NOT NULL,
            entity_type text        NOT NULL,
            entity_id   text        NOT NULL,
            user_id     uuid,
            properties  jsonb       NOT NULL,
            context     jsonb,
            ingested_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (event_time, event_id)
        ) PARTITION BY RANGE (event_time);
        CREATE TABLE events_default PARTITION OF events DEFAULT;
    END IF;
END
$$;

CREATE INDEX events_type_time ON events (event_type, event_time);
CREATE INDEX events_entity ON events (entity_id, event_time);
CREATE INDEX events_user ON events (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE late_events (
    event_id     uuid        NOT NULL PRIMARY KEY,
    event_type   text        NOT NULL,
    event_time   timestamptz NOT NULL,
    detected_at  timestamptz NOT NULL DEFAULT now(),
    payload      jsonb       NOT NULL
);
