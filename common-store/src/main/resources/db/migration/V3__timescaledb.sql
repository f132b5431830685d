-- TimescaleDB, when the server has it: hypertables, compression and retention. On plain
-- PostgreSQL this migration does nothing and the same queries work (they use date_bin, not
-- time_bucket).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       AND current_setting('shared_preload_libraries', true) LIKE '%timescaledb%' THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        PERFORM create_hypertable('metric_rollups', 'window_start',
                                  chunk_time_interval => INTERVAL '1 day', migrate_data => true);
        EXECUTE 'ALTER TABLE metric_rollups SET (timescaledb.compress, '
             || 'timescaledb.compress_segmentby = ''series, window_label'', '
             || 'timescaledb.compress_orderby = ''window_start'')';
        PERFORM add_compression_policy('metric_rollups', INTERVAL '7 days');

        PERFORM create_hypertable('events', 'event_time',
                                  chunk_time_interval => INTERVAL '1 day', migrate_data => true);
        EXECUTE 'ALTER TABLE events SET (timescaledb.compress, '
             || 'timescaledb.compress_segmentby = ''event_type'', '
             || 'timescaledb.compress_orderby = ''event_time'')';
        PERFORM add_compression_policy('events', INTERVAL '3 days');
        PERFORM add_retention_policy('events', INTERVAL '30 days');
    END IF;
END
$$;

CREATE TABLE storage_features (
    name  text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO storage_features (name, value)
SELECT 'timescaledb', CASE WHEN EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
                           THEN 'enabled' ELSE 'absent' END;
