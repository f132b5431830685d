package com.dce.analytics.store.hot;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesKey;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.query.RowMerger;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * The hot tier on plain Redis (any Redis, Valkey, managed offerings without modules). Per window
 * label and time chunk, each series key has a hash whose fields are {@code <start>:<shard>} and
 * whose values are the encoded aggregate (first byte: closed flag); a set per series and
 * dimension set indexes the keys. Chunks expire as a whole after the retention period. Reads
 * fetch the chunks of the range in two pipelined round trips and merge in Java.
 */
public class PlainRedisHotStore implements HotStore {

    protected final RedisClient redis;
    protected final HotStoreSettings settings;
    protected final HotCoverage coverage;

    public PlainRedisHotStore(RedisClient redis, HotStoreSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.coverage = new HotCoverage(redis, settings.prefix(), Clock.systemUTC(), Duration.ofSeconds(1));
    }

    @Override
    public Optional<Instant> coveredSince() {
        return coverage.coveredSince();
    }

    /** The coverage marker of this store, for tools that rehydrate it and tests that seed it. */
    public HotCoverage coverage() {
        return coverage;
    }

    @Override
    public String kind() {
        return "plain";
    }

    @Override
    public Instant horizon(String window, Instant now) {
        return now.minus(settings.retentionOf(window));
    }

    @Override
    public void write(List<MetricPoint> points) {
        coverage.beforeWrite();
        List<MetricPoint> latest = PostgresRollupStore.latestPerWindow(points);
        try (Pipeline p = redis.pipelined()) {
            for (MetricPoint point : latest) {
                writePlain(p, point);
            }
            p.sync();
        }
    }

    protected void writePlain(Pipeline p, MetricPoint point) {
        String window = point.window();
        long chunk = chunkStart(window, point.windowStart().toEpochMilli());
        String seriesKey = point.key().encode();
        String dataKey = dataKey(window, chunk, seriesKey);
        String indexKey = indexKey(
                window,
                chunk,
                point.series(),
                String.join(",", point.dimensions().keySet()));
        long ttl = (settings.retentionOf(window).plus(settings.chunkOf(window))).toSeconds();
        byte[] field = (point.windowStart().toEpochMilli() + ":" + point.shard()).getBytes(StandardCharsets.UTF_8);
        byte[] agg = point.aggregate().toBytes();
        byte[] value = new byte[agg.length + 1];
        value[0] = (byte) (point.closed() ? 1 : 0);
        System.arraycopy(agg, 0, value, 1, agg.length);
        p.hset(dataKey.getBytes(StandardCharsets.UTF_8), field, value);
        p.expire(dataKey, ttl);
        p.sadd(indexKey, seriesKey);
        p.expire(indexKey, ttl);
    }

    @Override
    public void publishChanges(List<MetricPoint> points) {
        Set<SeriesChange> changes = new LinkedHashSet<>();
        for (MetricPoint p : points) {
            changes.add(new SeriesChange(p.series(), p.window(), p.windowStart().toEpochMilli(), p.closed()));
        }
        if (!changes.isEmpty()) {
            redis.publish(settings.changesChannel(), EventJson.mapper().writeValueAsString(changes));
        }
    }

    @Override
    public List<AggregateRow> read(RollupQuery q) {
        List<Long> chunks = chunks(q);
        List<Response<Set<String>>> indexes = new ArrayList<>();
        try (Pipeline p = redis.pipelined()) {
            for (long chunk : chunks) {
                indexes.add(p.smembers(indexKey(q.window(), chunk, q.series(), q.dimSet())));
            }
            p.sync();
        }
        List<String> keys = new ArrayList<>();
        List<Long> keyChunks = new ArrayList<>();
        List<SeriesKey> parsed = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            for (String member : indexes.get(i).get()) {
                SeriesKey key = SeriesKey.parse(member);
                if (q.matches(key.dimensions())) {
                    keys.add(member);
                    keyChunks.add(chunks.get(i));
                    parsed.add(key);
                }
            }
        }
        List<Response<Map<byte[], byte[]>>> hashes = new ArrayList<>(keys.size());
        try (Pipeline p = redis.pipelined()) {
            for (int i = 0; i < keys.size(); i++) {
                hashes.add(p.hgetAll(
                        dataKey(q.window(), keyChunks.get(i), keys.get(i)).getBytes(StandardCharsets.UTF_8)));
            }
            p.sync();
        }
        RowMerger merger = new RowMerger(q);
        long from = q.from().toEpochMilli();
        long to = q.to().toEpochMilli();
        for (int i = 0; i < keys.size(); i++) {
            for (Map.Entry<byte[], byte[]> e : hashes.get(i).get().entrySet()) {
                String field = new String(e.getKey(), StandardCharsets.UTF_8);
                int colon = field.indexOf(':');
                long start = Long.parseLong(field, 0, colon, 10);
                if (start < from || start >= to) {
                    continue;
                }
                byte[] value = e.getValue();
                MetricAggregate agg = MetricAggregate.fromBytes(java.util.Arrays.copyOfRange(value, 1, value.length));
                merger.add(
                        Instant.ofEpochMilli(start),
                        keys.get(i),
                        Integer.parseInt(field.substring(colon + 1)),
                        parsed.get(i).dimensions(),
                        agg,
                        value[0] == 1);
            }
        }
        return merger.rows();
    }

    protected List<Long> chunks(RollupQuery q) {
        long chunkMs = settings.chunkOf(q.window()).toMillis();
        List<Long> chunks = new ArrayList<>();
        for (long c = chunkStart(q.window(), q.from().toEpochMilli()); c < q.to().toEpochMilli(); c += chunkMs) {
            chunks.add(c);
        }
        return chunks;
    }

    protected long chunkStart(String window, long epochMillis) {
        long chunkMs = settings.chunkOf(window).toMillis();
        return Math.floorDiv(epochMillis, chunkMs) * chunkMs;
    }

    private String dataKey(String window, long chunk, String seriesKey) {
        return settings.prefix() + ":w:" + window + ":" + chunk + ":" + seriesKey;
    }

    private String indexKey(String window, long chunk, String series, String dimSet) {
        return settings.prefix() + ":k:" + window + ":" + chunk + ":" + series + ":" + dimSet;
    }
}
