package com.dce.analytics.query.live;

import com.dce.analytics.query.metrics.QueryService;
import com.dce.analytics.query.system.QueryApiProperties;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.store.hot.HotStoreSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.json.JsonMapper;

/** The parts of live push: the hub, the one feed of changes from Redis, and the WebSocket handler. */
@Configuration(proxyBeanMethods = false)
class LiveBeans {

    @Bean
    LiveHub liveHub(QueryService queries, ApiKeyStore keys, JsonMapper json, QueryApiProperties properties) {
        return new LiveHub(queries, keys, json, properties.live());
    }

    @Bean
    ChangeFeed changeFeed(RedisClient redis, HotStoreSettings settings, LiveHub hub) {
        return new ChangeFeed(redis, settings, hub);
    }

    @Bean
    LiveHandler liveHandler(LiveHub hub, JsonMapper json, AuditLog audit, Clock clock, QueryApiProperties properties) {
        return new LiveHandler(hub, json, audit, clock, properties.live());
    }
}
