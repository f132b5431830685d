package com.dce.analytics.aggregator.system;

import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.raw.RawEventStore;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import com.dce.analytics.store.rollup.RollupRetention;
import java.net.URI;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.RedisClient;

/** The stores the sinks write to; the schema is migrated before any of them is used. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /** Marker bean: exists once the schema is current. */
    record Schema(String version) {}

    /** Marker bean: exists once the platform's topics exist (consumers must not race their creation). */
    public record TopicsReady() {}

    @Bean
    TopicsReady topicsReady(AggregatorProperties settings, PlatformProperties platform) {
        StreamsLifecycle.createTopics(
                platform.kafka().bootstrapServers(), settings.partitions(), settings.replication());
        return new TopicsReady();
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

    @Bean
    RawEventStore rawEventStore(DataSource dataSource, Schema schema) {
        return new RawEventStore(dataSource);
    }

    @Bean
    RollupRetention rollupRetention(DataSource dataSource, Schema schema) {
        return new RollupRetention(dataSource);
    }

    @Bean(destroyMethod = "close")
    RedisClient redisClient(PlatformProperties platform) {
        return RedisClient.create(URI.create(platform.redis().url()));
    }

    @Bean
    HotStore hotStore(RedisClient redis) {
        HotStore store = HotStores.forServer(redis, HotStoreSettings.defaults());
        log.info("hot tier: {} Redis adapter", store.kind());
        return store;
    }
}
