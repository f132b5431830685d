package com.dce.analytics.store.hot;

import redis.clients.jedis.RedisClient;

/** Chooses the hot-tier adapter for the Redis server at hand. */
public final class HotStores {

    private HotStores() {}

    public static HotStore forServer(RedisClient redis, HotStoreSettings settings) {
        return hasTimeSeries(redis) ? new TimeSeriesHotStore(redis, settings) : new PlainRedisHotStore(redis, settings);
    }

    /** True when the server lists the TimeSeries module (a module on Redis 7, built in on Redis 8). */
    public static boolean hasTimeSeries(RedisClient redis) {
        String modules = redis.info("modules");
        return modules != null && modules.toLowerCase().contains("name=timeseries");
    }
}
