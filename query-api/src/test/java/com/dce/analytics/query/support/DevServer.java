package com.dce.analytics.query.support;

import com.dce.analytics.query.QueryApiApplication;
import com.dce.analytics.store.access.Role;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A query-api for benchmarks and demos: embedded PostgreSQL and Redis, the bench profile of
 * {@link DemoData}, live traffic every second, and the app on port 8080 (or {@code -Dport=}).
 * Prints the keys it made. Run with {@code bench/run-dev-server.sh}.
 */
public final class DevServer {

    private DevServer() {}

    public static void main(String[] args) {
        TestStores stores = TestStores.get();
        long started = System.nanoTime();
        int points = new DemoData(42)
                .seed(
                        Boolean.getBoolean("small") ? DemoData.Profile.small() : DemoData.Profile.bench(),
                        Instant.now(),
                        stores.history(),
                        stores.hot());
        System.out.printf("seeded %d window points in %d ms%n", points, (System.nanoTime() - started) / 1_000_000);
        String admin = System.getProperty("adminKey", "dev-admin-key-" + java.util.UUID.randomUUID());
        QueryApiApplication.application()
                .run(
                        "--server.port=" + System.getProperty("port", "8080"),
                        "--spring.datasource.url=" + stores.jdbcUrl(),
                        "--spring.datasource.username="
                                + com.dce.analytics.embedded.SharedInfrastructure.postgres()
                                        .username(),
                        "--spring.datasource.password="
                                + com.dce.analytics.embedded.SharedInfrastructure.postgres()
                                        .password(),
                        "--analytics.redis.url=" + stores.redisUrl(),
                        "--analytics.security.bootstrap-admin-key=" + admin,
                        "--analytics.targets.daily-revenue=20000",
                        "--analytics.query.cache-ttl=" + System.getProperty("cacheTtl", "1s"),
                        "--logging.level.root=WARN");
        String viewer = stores.keys()
                .issue("bench-viewer", Set.of(Role.EXECUTIVE), "dev")
                .secret();
        System.out.println("ADMIN_KEY=" + admin);
        System.out.println("VIEWER_KEY=" + viewer);
        System.out.println("REDIS_URL=" + stores.redisUrl());
        LiveTraffic traffic = new LiveTraffic(stores.history(), stores.hot());
        Executors.newSingleThreadScheduledExecutor()
                .scheduleAtFixedRate(
                        () -> {
                            try {
                                traffic.tick(Integer.getInteger("callsPerSecond", 1));
                            } catch (RuntimeException e) {
                                System.err.println("live traffic: " + e);
                            }
                        },
                        1,
                        1,
                        TimeUnit.SECONDS);
        System.out.println("READY");
    }
}
