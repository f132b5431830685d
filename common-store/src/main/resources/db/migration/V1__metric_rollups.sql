-- Window aggregates of the base series, one row per (series, window, start, series key, shard).
-- A series key carries the full dimension set or a rollup of it (see SeriesDefinition).
-- A shard is the aggregator's source partition: queries add shards together. Rows are upserted
-- while a window fills (closed = false) and once more when it closes (closed = true).
CREATE TABLE metric_rollups (
    series       text             NOT NULL,
    window_label text             NOT NULL,
    window_start timestamptz      NOT NULL,
    series_key   text             NOT NULL,
    shard        integer          NOT NULL,
    window_end   timestamptz      NOT NULL,
    dim_set      text             NOT NULL,
    dims         jsonb            NOT NULL,
    count        bigint           NOT NULL,
    sum          numeric          NOT NULL,
    min          double precision NOT NULL,
    max          double precision NOT NULL,
    last         double precision NOT NULL,
    last_time    bigint           NOT NULL,
    sketch       bytea,
    closed       boolean          NOT NULL,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (series, window_label, window_start, series_key, shard)
);

-- dim_set names the dimensions a row is kept by (the full set or a rollup), e.g. 'buyer_id,state'
CREATE INDEX metric_rollups_lookup ON metric_rollups (series, window_label, dim_set, window_start);
