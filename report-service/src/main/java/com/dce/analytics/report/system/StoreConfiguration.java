package com.dce.analytics.report.system;

import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.schedule.RunStore;
import com.dce.analytics.report.schedule.ScheduleStore;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
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
 * What report-service reads and writes: where the metric engine reads (history in PostgreSQL, recent hours
 * from the Redis hot tier when one is configured), the report archive, schedules and runs, API
 * keys and the audit log. The schema is migrated before any of them is used.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /** Marker bean: exists once the schema is current. */
    record Schema(String version) {}

    /** The hot tier, or none when {@code analytics.redis.url} is blank. */
    record HotTier(RedisClient client, HotStore store) implements AutoCloseable {
        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Schema schema(DataSource dataSource) {
        var result = StoreMigrations.migrate(dataSource);
        return new Schema(result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion);
    }

    @Bean(destroyMethod = "close")
    HotTier hotTier(PlatformProperties platform) {
        String url = platform.redis().url();
        if (url == null || url.isBlank()) {
            log.info("no Redis configured: reports read every window from PostgreSQL");
            return new HotTier(null, null);
        }
        RedisClient client = RedisClient.create(URI.create(url));
        HotStore store = HotStores.forServer(client, HotStoreSettings.defaults());
        log.info("hot tier: {} Redis adapter", store.kind());
        return new HotTier(client, store);
    }

    /** Where the metric engine reads windows: history, and the hot tier for recent hours when there is one. */
    @Bean
    RollupReader rollupReader(DataSource dataSource, Schema schema, HotTier hot, Clock clock) {
        return new TieredRollupReader(new PostgresRollupStore(dataSource), hot.store(), clock);
    }

    @Bean
    QueryLimits reportQueryLimits(ReportProperties p) {
        return new QueryLimits(
                p.query().maxPoints(), p.query().maxSeries(), p.query().maxRange());
    }

    @Bean
    ReportArchive reportArchive(DataSource dataSource, Clock clock, Schema schema) {
        return new ReportArchive(dataSource, clock);
    }

    @Bean
    ScheduleStore scheduleStore(DataSource dataSource, Schema schema) {
        return new ScheduleStore(dataSource);
    }

    @Bean
    RunStore runStore(DataSource dataSource, Clock clock, Schema schema) {
        return new RunStore(dataSource, clock);
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
