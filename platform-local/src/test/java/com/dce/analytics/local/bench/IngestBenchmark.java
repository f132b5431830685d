package com.dce.analytics.local.bench;

import com.dce.analytics.embedded.EmbeddedKafkaServer;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.simulator.BodyFormat;
import com.dce.analytics.simulator.DriverReport;
import com.dce.analytics.simulator.DriverSettings;
import com.dce.analytics.simulator.ExchangeSimulator;
import com.dce.analytics.simulator.HttpTrafficDriver;
import com.dce.analytics.simulator.SimulatorSettings;
import com.dce.analytics.simulator.TrafficShape;
import com.dce.analytics.store.access.ApiKeyStore;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest benchmark (run by {@code bench/ingest-bench.sh}, not a test): a real KRaft broker
 * and ingest-service in this JVM, simulated exchange events posted over HTTP in batches as fast
 * as the driver's concurrency allows, then Kafka's own {@code ProducerPerformance} against the
 * same broker with the same producer settings and record size, for reference.
 *
 * <p>Arguments: events (default 600000), batch size (1000), concurrency (8), format (ndjson).
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        BodyFormat format = args.length > 3 ? BodyFormat.valueOf(args[3].toUpperCase()) : BodyFormat.NDJSON;
        try (EmbeddedKafkaServer kafka =
                EmbeddedKafkaServer.builder().partitions(3).start()) {
            kafka.createTopics(Topics.newTopics(3, (short) 1));
            String key = "cea_bench_" + System.nanoTime();
            int port = freePort();
            try (ConfigurableApplicationContext ingest = new SpringApplicationBuilder(
                            Class.forName("com.dce.analytics.ingest.IngestApplication"))
                    .run(
                            "--server.port=" + port,
                            "--analytics.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                            "--analytics.pii.key="
                                    + Base64.getEncoder()
                                            .encodeToString(new byte[32])
                                            .replace('A', 'B'),
                            "--analytics.ingest.api-keys[0].name=bench",
                            "--analytics.ingest.api-keys[0].sha256=" + ApiKeyStore.sha256(key),
                            "--logging.level.root=WARN")) {
                List<AnalyticsEvent> all = generate(events + 50_000);
                long bytes = 0;
                for (int i = 0; i < 2_000; i++) {
                    bytes += EventJson.mapper().writeValueAsBytes(all.get(i)).length;
                }
                int recordSize = (int) (bytes / 2_000);
                DriverSettings settings = DriverSettings.defaults(URI.create("http://localhost:" + port), key)
                        .withFormat(format)
                        .withBatching(batch, concurrency);
                try (HttpTrafficDriver warmUp = new HttpTrafficDriver(settings)) {
                    warmUp.sendAll(all.subList(0, 50_000).iterator());
                }
                DriverReport report;
                try (HttpTrafficDriver driver = new HttpTrafficDriver(settings)) {
                    report = driver.sendAll(all.subList(50_000, all.size()).iterator());
                }
                all = null;
                System.gc();
                System.out.printf(
                        "%nINGEST over HTTP: %d events in %.1f s = %.0f events/s; %d requests of %d"
                                + " (%s, %d in flight); request latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                                + " accepted %d, rejected %d, failed %d%n",
                        report.eventsSent(),
                        report.elapsed().toMillis() / 1000.0,
                        report.eventsPerSecond(),
                        report.requests(),
                        batch,
                        format,
                        concurrency,
                        report.p50Millis(),
                        report.p99Millis(),
                        report.maxMillis(),
                        report.accepted(),
                        report.rejected(),
                        report.failed());
                System.out.printf(
                        "%nREFERENCE: Kafka ProducerPerformance, %d records of %d bytes, same broker,"
                                + " acks=all, idempotent, lz4, linger 5 ms, batch 256 KiB:%n",
                        events, recordSize);
                kafka.createTopics(List.of(new NewTopic("bench.producer-perf", 3, (short) 1)));
                ProducerPerformance.main(new String[] {
                    "--topic",
                    "bench.producer-perf",
                    "--num-records",
                    Integer.toString(events),
                    "--record-size",
                    Integer.toString(recordSize),
                    "--throughput",
                    "-1",
                    "--producer-props",
                    "bootstrap.servers=" + kafka.bootstrapServers(),
                    "acks=all",
                    "enable.idempotence=true",
                    "compression.type=lz4",
                    "linger.ms=5",
                    "batch.size=262144"
                });
            }
        }
        System.exit(0);
    }

    private static List<AnalyticsEvent> generate(int count) {
        Instant now = Instant.now();
        SimulatorSettings settings =
                SimulatorSettings.defaults().withShape(TrafficShape.FLAT).withEventsPerSecond(200);
        Duration span = Duration.ofSeconds(count / 200 + 60);
        Iterator<AnalyticsEvent> it =
                ExchangeSimulator.startingAt(settings, now.minus(span)).until(now);
        List<AnalyticsEvent> out = new ArrayList<>(count);
        while (it.hasNext() && out.size() < count) {
            out.add(it.next());
        }
        return out;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
