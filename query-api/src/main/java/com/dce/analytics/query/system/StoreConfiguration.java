package com.dce.analytics.query.system;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.TieredRollupReader;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.net.URI;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.RedisClient;

/**
 * The stores query-api reads (history in PostgreSQL, the hot tier in Redis, joined by the tiered
 * reader), the one metric engine every number goes through, API keys and the audit log. The
 * schema is migrated before any of them is used.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /** Marker bean: exists once the schema is current. */
    record Schema(String version) {}

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Schema schema(DataSource dataSource) {
        var result = StoreMigrations.migrate(dataSource);
        return new Schema(result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion);
    }

    @Bean
    PostgresRollupStore postgresRollupStore(DataSource dataSource, Schema schema) {
        return new PostgresRollupStore(dataSource);
    }

    @Bean(destroyMethod = "close")
    RedisClient redisClient(QueryApiProperties properties) {
        return RedisClient.create(URI.create(properties.redis().url()));
    }

    @Bean
    HotStoreSettings hotStoreSettings() {
        return HotStoreSettings.defaults();
    }

    @Bean
    HotStore hotStore(RedisClient redis, HotStoreSettings settings) {
        HotStore store = HotStores.forServer(redis, settings);
        log.info("hot tier: {} Redis adapter", store.kind());
        return store;
    }

    /**
     * The metric engine over recent ranges from Redis and older ones from PostgreSQL, joined (the
     * tiered reader is not a bean of its own), in two flavours that differ only in their bounds:
     * time series answers are limited to {@code max-series} series, whole-range answers (one point
     * per group, e.g. top buyers among thousands) to {@code max-points × max-series} groups.
     */
    @Bean
    MetricEngines metricEngines(PostgresRollupStore history, HotStore hot, Clock clock, QueryApiProperties properties) {
        QueryApiProperties.Query q = properties.query();
        RollupReader reader = new TieredRollupReader(history, hot, clock);
        return new MetricEngines(
                new MetricQueryEngine(
                        MetricCatalog.standard(), reader, new QueryLimits(q.maxPoints(), q.maxSeries(), q.maxRange())),
                new MetricQueryEngine(
                        MetricCatalog.standard(),
                        reader,
                        new QueryLimits(
                                q.maxPoints(),
                                (int) Math.min(100_000L, (long) q.maxPoints() * q.maxSeries()),
                                q.maxRange())));
    }

    @Bean
    ApiKeyStore apiKeyStore(DataSource dataSource, Clock clock, Schema schema) {
        return new ApiKeyStore(dataSource, clock);
    }

    @Bean(destroyMethod = "close")
    AuditLog auditLog(DataSource dataSource, Schema schema) {
        return new AuditLog(dataSource);
    }
}
