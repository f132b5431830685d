package com.dce.analytics.alert.system;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.hot.PlainRedisHotStore;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.query.TieredRollupReader;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import redis.clients.jedis.RedisClient;

/**
 * The stores alert-service uses: the database (migrated as soon as the data source exists, before
 * anything reads it), the metric engine every rule's values go through (history in PostgreSQL,
 * the hot tier in Redis, joined by the tiered reader, as everywhere in the platform), API keys
 * and the audit log, and the service's clock.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Runs the platform's migrations on the data source before any bean can use it. */
    @Bean
    static BeanPostProcessor migrateDatabase() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource) {
                    StoreMigrations.migrate(dataSource);
                }
                return bean;
            }
        };
    }

    @Bean(destroyMethod = "close")
    RedisClient redisClient(AlertServiceProperties properties) {
        String url = properties.redis().url();
        return url == null || url.isBlank() ? null : RedisClient.create(URI.create(url));
    }

    @Bean
    MetricQueryEngine alertQueryEngine(
            DataSource dataSource, ObjectProvider<RedisClient> redis, Clock clock, AlertServiceProperties properties) {
        PostgresRollupStore history = new PostgresRollupStore(dataSource);
        HotStore hot = hotStore(redis.getIfAvailable());
        return new MetricQueryEngine(
                MetricCatalog.standard(),
                new TieredRollupReader(history, hot, clock),
                new QueryLimits(11_000, properties.alert().evaluation().maxSeriesPerQuery(), Duration.ofDays(400)));
    }

    private static HotStore hotStore(RedisClient redis) {
        if (redis == null) {
            log.info("no Redis configured: alert rules read metrics from PostgreSQL only");
            return null;
        }
        try {
            HotStore store = HotStores.forServer(redis, HotStoreSettings.defaults());
            log.info("hot tier: {} Redis adapter", store.kind());
            return store;
        } catch (RuntimeException e) {
            // the tiered reader falls back to PostgreSQL whenever a hot read fails
            log.warn(
                    "Redis is not reachable ({}); reading through the plain adapter with PostgreSQL fallback",
                    e.toString());
            return new PlainRedisHotStore(redis, HotStoreSettings.defaults());
        }
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService alertQueryPool(AlertServiceProperties properties) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(
                Math.max(1, properties.alert().evaluation().queryParallelism()),
                r -> Thread.ofPlatform()
                        .daemon()
                        .name("alert-query-" + n.incrementAndGet())
                        .unstarted(r));
    }

    @Bean
    ApiKeyStore apiKeyStore(DataSource dataSource, Clock clock) {
        return new ApiKeyStore(dataSource, clock);
    }

    @Bean(destroyMethod = "close")
    AuditLog auditLog(DataSource dataSource) {
        return new AuditLog(dataSource);
    }

    @Bean
    InitializingBean bootstrapAdminKey(ApiKeyStore keys, AlertServiceProperties properties) {
        return () -> {
            String secret = properties.security().bootstrapAdminKey();
            if (secret == null || secret.isBlank()) {
                return;
            }
            try {
                keys.register("bootstrap-admin", Set.of(Role.ADMIN), "alert-service", secret);
            } catch (DuplicateKeyException e) {
                // another service of the platform registered it at the same moment
            }
        };
    }
}
