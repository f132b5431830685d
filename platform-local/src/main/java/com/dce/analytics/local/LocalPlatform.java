package com.dce.analytics.local;

import com.dce.analytics.embedded.EmbeddedInfrastructure;
import com.dce.analytics.simulator.DriverSettings;
import com.dce.analytics.simulator.ExchangeSimulator;
import com.dce.analytics.simulator.HttpTrafficDriver;
import com.dce.analytics.simulator.SimulatorSettings;
import com.dce.analytics.store.access.ApiKeyStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one JVM, for trying it out: starts a real Kafka broker (KRaft),
 * PostgreSQL and Redis in-process, every service as its own Spring context on its own port, and a
 * simulated call exchange posting events to ingest. Prints where to look; Ctrl-C stops everything
 * it started, in reverse order.
 */
public final class LocalPlatform {

    private final LocalOptions options;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private EmbeddedInfrastructure infrastructure;
    private HttpTrafficDriver traffic;
    private Thread trafficThread;

    LocalPlatform(LocalOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalPlatform platform = new LocalPlatform(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            platform.stop();
                            stopped.countDown();
                        },
                        "local-platform-shutdown"));
        try {
            platform.start();
        } catch (Exception e) {
            System.err.println("the local platform could not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        long began = System.nanoTime();
        if (options.fresh()) {
            deleteRecursively(options.dataDir());
        }
        Files.createDirectories(options.dataDir());
        LocalSecrets secrets = LocalSecrets.loadOrCreate(options.dataDir().resolve("secrets.properties"));
        say("starting Kafka (KRaft), PostgreSQL and Redis in-process, data in " + options.dataDir());
        infrastructure = EmbeddedInfrastructure.builder()
                .kafkaPort(options.kafkaPort())
                .kafkaPartitions(3)
                .postgresPort(options.postgresPort())
                .redisPort(options.redisPort())
                .dataDir(options.dataDir().resolve("data"))
                .start();
        say(infrastructure.describeStartupTimes());
        List<String> common = commonArguments(secrets);
        for (ServiceSpec service : services()) {
            if (!service.available()) {
                say(service.name() + " is not part of this build; skipped");
                continue;
            }
            say("starting " + service.name() + " on port " + service.port());
            List<String> args = new ArrayList<>(common);
            args.add("--spring.config.name=" + service.configName());
            args.add("--server.port=" + service.port());
            args.addAll(service.arguments());
            Class<?> main = Class.forName(service.mainClass());
            contexts.add(new SpringApplicationBuilder(main)
                    .properties("spring.main.banner-mode=off")
                    .run(args.toArray(String[]::new)));
        }
        startTraffic(secrets);
        printBanner(secrets, Duration.ofNanos(System.nanoTime() - began));
    }

    private List<String> commonArguments(LocalSecrets secrets) {
        String kafka = infrastructure.kafka().bootstrapServers();
        var pg = infrastructure.postgres();
        return List.of(
                "--spring.datasource.url=" + pg.jdbcUrl() + "?reWriteBatchedInserts=true",
                "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(),
                "--analytics.kafka.bootstrap-servers=" + kafka,
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--analytics.redis.url=redis://127.0.0.1:"
                        + infrastructure.redis().port(),
                "--analytics.pii.key=" + secrets.piiKey(),
                "--analytics.security.bootstrap-admin-key=" + secrets.adminKey(),
                "--analytics.ingest.api-keys[0].name=local-admin",
                "--analytics.ingest.api-keys[0].sha256=" + ApiKeyStore.sha256(secrets.adminKey()),
                "--analytics.console.alert-service-url=http://localhost:" + options.alertPort(),
                "--analytics.console.report-service-url=http://localhost:" + options.reportPort(),
                "--analytics.console.base-url=http://localhost:" + options.queryPort() + "/console/",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN",
                "--logging.level.org.apache.zookeeper=WARN");
    }

    private List<ServiceSpec> services() {
        return List.of(
                new ServiceSpec(
                        "stream-aggregator",
                        "com.dce.analytics.aggregator.AggregatorApplication",
                        "aggregator",
                        options.aggregatorPort(),
                        List.of("--analytics.aggregator.state-dir="
                                + options.dataDir().resolve("aggregator-state"))),
                new ServiceSpec(
                        "ingest-service",
                        "com.dce.analytics.ingest.IngestApplication",
                        "ingest",
                        options.ingestPort(),
                        List.of()),
                new ServiceSpec(
                        "query-api",
                        "com.dce.analytics.query.QueryApiApplication",
                        "query",
                        options.queryPort(),
                        List.of()),
                new ServiceSpec(
                        "alert-service",
                        "com.dce.analytics.alert.AlertServiceApplication",
                        "alert",
                        options.alertPort(),
                        List.of()),
                new ServiceSpec(
                        "report-service",
                        "com.dce.analytics.report.ReportServiceApplication",
                        "report",
                        options.reportPort(),
                        List.of()));
    }

    private void startTraffic(LocalSecrets secrets) {
        if (options.rate() <= 0) {
            say("no simulated traffic (--no-traffic)");
            return;
        }
        URI ingest = URI.create("http://localhost:" + options.ingestPort());
        traffic = new HttpTrafficDriver(DriverSettings.defaults(ingest, secrets.adminKey()));
        ExchangeSimulator simulator = ExchangeSimulator.realTime(
                SimulatorSettings.defaults().withEventsPerSecond(options.rate()), Clock.systemUTC());
        trafficThread = Thread.ofPlatform().name("simulated-exchange").start(() -> {
            try {
                traffic.run(simulator, Duration.ofDays(3650));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void printBanner(LocalSecrets secrets, Duration took) {
        int q = options.queryPort();
        System.out.printf(
                """

                ============================================================================
                 Call Exchange Analytics is running (started in %d s)
                   web console      http://localhost:%d/console/   (paste the API key at the top right)
                   API + OpenAPI    http://localhost:%d/swagger-ui.html
                   ingest           POST http://localhost:%d/api/v1/events/batch
                   alerts           http://localhost:%d/console/alerts.html
                   reports          http://localhost:%d/console/reports.html
                   health           http://localhost:%d/actuator/health (each service on its port)
                   Kafka            %s   PostgreSQL localhost:%d/analytics   Redis localhost:%d
                 API key (admin):   %s
                 simulated traffic: %s
                 Ctrl-C stops everything.
                ============================================================================
                %n""",
                took.toSeconds(),
                q,
                q,
                options.ingestPort(),
                q,
                q,
                q,
                infrastructure.kafka().bootstrapServers(),
                options.postgresPort(),
                options.redisPort(),
                secrets.adminKey(),
                options.rate() > 0 ? options.rate() + " events/s" : "off");
    }

    synchronized void stop() {
        say("stopping");
        if (traffic != null) {
            traffic.stop();
            traffic.close();
        }
        if (trafficThread != null) {
            trafficThread.interrupt();
        }
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("while stopping: " + e);
            }
        }
        contexts.clear();
        if (infrastructure != null) {
            infrastructure.close();
            infrastructure = null;
        }
        say("stopped");
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void say(String message) {
        System.out.println("[local] " + message);
    }
}
