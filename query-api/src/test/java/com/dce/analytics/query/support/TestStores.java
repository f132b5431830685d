package com.dce.analytics.query.support;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.RedisClient;

/**
 * The real PostgreSQL and Redis of the test JVM ({@link SharedInfrastructure}) with the stores on
 * top, migrated, plus the small demo data set written once.
 */
public final class TestStores {

    private static TestStores instance;

    private final PGSimpleDataSource dataSource;
    private final PostgresRollupStore history;
    private final RedisClient redis;
    private final HotStore hot;
    private final ApiKeyStore keys;
    private boolean demoSeeded;

    private TestStores() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfrastructure.postgres().jdbcUrl() + "?reWriteBatchedInserts=true");
        dataSource.setUser(SharedInfrastructure.postgres().username());
        dataSource.setPassword(SharedInfrastructure.postgres().password());
        StoreMigrations.migrate(dataSource);
        history = new PostgresRollupStore(dataSource);
        redis = RedisClient.create("localhost", SharedInfrastructure.redis().port());
        hot = HotStores.forServer(redis, HotStoreSettings.defaults());
        // tests that write to the hot tier alone stand for a sink that has written every window of the
        // hot tier's horizon (6 h of minutes): the coverage marker says so, as it would in production
        ((com.dce.analytics.store.hot.PlainRedisHotStore) hot)
                .coverage()
                .startCoverage(Instant.now().minus(java.time.Duration.ofHours(7)));
        keys = new ApiKeyStore(dataSource, Clock.systemUTC());
    }

    public static synchronized TestStores get() {
        if (instance == null) {
            instance = new TestStores();
        }
        return instance;
    }

    /** Seeds {@link DemoData.Profile#small()} once per JVM, ending now. */
    public synchronized void seedDemo() {
        if (!demoSeeded) {
            new DemoData(42).seed(DemoData.Profile.small(), Instant.now(), history, hot);
            demoSeeded = true;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return SharedInfrastructure.postgres().jdbcUrl();
    }

    public String redisUrl() {
        return "redis://localhost:" + SharedInfrastructure.redis().port();
    }

    public PostgresRollupStore history() {
        return history;
    }

    public HotStore hot() {
        return hot;
    }

    public RedisClient redis() {
        return redis;
    }

    public ApiKeyStore keys() {
        return keys;
    }
}
