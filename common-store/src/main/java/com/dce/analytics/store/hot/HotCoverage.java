package com.dce.analytics.store.hot;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import redis.clients.jedis.RedisClient;

/**
 * Tells from when on the hot tier holds every window state it was sent: the hot tier is a cache,
 * and a cache may be empty (a restart of a Redis that keeps nothing on disk, a FLUSHALL, a failover
 * to a replica that missed writes, a new server) or may have lost keys to eviction, while
 * PostgreSQL still holds every window. Readers must then read history, not take absence for zero.
 *
 * <p>The writer keeps a marker key, {@code <prefix>:coverage}, whose value is {@code <since>
 * <run_id> <evicted_keys>}: the instant from which it has written everything, the server's
 * {@code run_id} and its {@code evicted_keys} count at that instant. Whenever the marker is
 * missing, or the server's run id differs (another process, a failover), or keys were evicted since,
 * the writer starts coverage anew at the current instant. A window whose start is at or after
 * {@code since} received every one of its states after that instant (the aggregator emits a
 * window's whole state, not increments), so the hot tier answers it exactly; earlier windows are
 * read from history. The marker has no TTL, so an eviction policy limited to keys with a TTL
 * ({@code volatile-*}, as compose configures) never takes it; if any other policy evicts it, the
 * marker is missing and readers fall back to history, which is also correct.
 *
 * <p>Both sides look at the server's counters at most once per {@code checkEvery}, so one
 * {@code INFO} per second at most; between two looks an eviction can go unnoticed for that long.
 */
public final class HotCoverage {

    private final RedisClient redis;
    private final String key;
    private final Clock clock;
    private final long checkEveryMillis;
    private volatile long lastWriterCheck = Long.MIN_VALUE;
    private volatile long lastReaderCheck = Long.MIN_VALUE;
    private volatile ServerState lastServerState;

    record ServerState(String runId, long evictedKeys) {}

    record Marker(long sinceMillis, String runId, long evictedKeys) {

        String encode() {
            return sinceMillis + " " + runId + " " + evictedKeys;
        }

        static Optional<Marker> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String[] parts = value.trim().split(" ");
            if (parts.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Marker(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    public HotCoverage(RedisClient redis, String prefix, Clock clock, java.time.Duration checkEvery) {
        this.redis = redis;
        this.key = prefix + ":coverage";
        this.clock = clock;
        this.checkEveryMillis = checkEvery.toMillis();
    }

    /** Called before each write: starts coverage anew when the server lost or evicted data. */
    public void beforeWrite() {
        long now = clock.millis();
        if (now - lastWriterCheck < checkEveryMillis && lastWriterCheck != Long.MIN_VALUE) {
            return;
        }
        ServerState server = serverState();
        Optional<Marker> marker = Marker.parse(redis.get(key));
        if (marker.isEmpty() || stale(marker.get(), server)) {
            redis.set(key, new Marker(now, server.runId(), server.evictedKeys()).encode());
        }
        lastWriterCheck = now;
    }

    /**
     * Declares the hot tier complete from {@code since} on, as a tool that rehydrated it from history
     * does (and tests that seed it directly).
     */
    public void startCoverage(Instant since) {
        ServerState server = serverState();
        redis.set(key, new Marker(since.toEpochMilli(), server.runId(), server.evictedKeys()).encode());
    }

    /**
     * The earliest window start the hot tier answers exactly, or empty when it holds nothing it can
     * vouch for (no marker, or data lost since the marker was written).
     */
    public Optional<Instant> coveredSince() {
        Optional<Marker> marker = Marker.parse(redis.get(key));
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        ServerState server = lastServerState;
        if (server == null || now - lastReaderCheck >= checkEveryMillis) {
            server = serverState();
            lastReaderCheck = now;
        }
        if (stale(marker.get(), server)) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(marker.get().sinceMillis()));
    }

    static boolean stale(Marker marker, ServerState server) {
        return !marker.runId().equals(server.runId()) || server.evictedKeys() > marker.evictedKeys();
    }

    private ServerState serverState() {
        ServerState state = parseServerState(redis.info("server"), redis.info("stats"));
        lastServerState = state;
        return state;
    }

    /** Reads {@code run_id} from INFO server and {@code evicted_keys} from INFO stats. */
    static ServerState parseServerState(String serverInfo, String statsInfo) {
        return new ServerState(
                field(serverInfo, "run_id").orElse("unknown"),
                field(statsInfo, "evicted_keys").map(Long::parseLong).orElse(0L));
    }

    private static Optional<String> field(String info, String name) {
        if (info == null) {
            return Optional.empty();
        }
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Optional.of(line.substring(name.length() + 1).trim());
            }
        }
        return Optional.empty();
    }
}
