package com.dce.analytics.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller) running inside this JVM.
 *
 * <p>It runs {@code kafka.server.KafkaRaftServer}, the class {@code kafka-server-start.sh} runs, after formatting the
 * log dir with {@code kafka.tools.StorageTool} (only when the dir holds no {@code meta.properties} yet). A given log dir
 * therefore keeps topics, records and committed offsets across restarts; the default temp dir is deleted on close.
 * Broker defaults suit transactions ({@code exactly_once_v2}) on one node: internal topics get replication factor 1 and
 * min ISR 1, and consumer groups rebalance without the initial delay. The controller listener always uses a free port.
 *
 * <p>Why not spring-kafka-test's {@code EmbeddedKafkaKraftBroker}: it works (with the root pom's exclusions), but its
 * {@code KafkaClusterTestKit} formats a fresh temp cluster on every start (so nothing survives a restart of the local
 * launcher) and runs with test-only fault handlers and unstable feature versions enabled. Caveat of the real server: a fatal broker fault halts the JVM, and
 * its non-daemon threads keep the JVM alive until {@link #close()} or {@code System.exit}.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final String HOST = "127.0.0.1";

    private final int requestedPort;
    private final int partitions;
    private final Path requestedLogDir;
    private final Map<String, String> overrides;

    private KafkaRaftServer server;
    private Path logDir;
    private int port;

    /**
     * @param port broker port, 0 for a free one
     * @param partitions default partition count for topics created without one ({@code num.partitions})
     * @param logDir log dir kept across restarts, or null for a temp dir deleted on close
     * @param brokerOverrides extra or overriding broker properties
     */
    public EmbeddedKafkaServer(int port, int partitions, Path logDir, Map<String, String> brokerOverrides) {
        this.requestedPort = port;
        this.partitions = partitions;
        this.requestedLogDir = logDir;
        this.overrides = Map.copyOf(brokerOverrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats storage if needed and starts the broker; returns when it accepts clients. No-op when running. */
    public synchronized EmbeddedKafkaServer start() {
        if (server != null) {
            return this;
        }
        port = FreePorts.resolve(requestedPort);
        logDir = requestedLogDir != null ? requestedLogDir.toAbsolutePath() : TempDirs.create("embedded-kafka-");
        Map<String, String> props = brokerProperties(port, FreePorts.pick(), logDir, partitions);
        props.putAll(overrides);
        KafkaRaftServer candidate;
        try {
            formatIfNeeded(props);
            candidate = startServer(props);
        } catch (RuntimeException e) {
            if (requestedLogDir == null) {
                TempDirs.deleteQuietly(logDir);
            }
            throw e;
        }
        server = candidate;
        log.info("Kafka broker (KRaft) listening on {} with log dir {}", bootstrapServers(), logDir);
        return this;
    }

    public String bootstrapServers() {
        return HOST + ":" + port();
    }

    public int port() {
        requireStarted();
        return port;
    }

    public Path logDir() {
        requireStarted();
        return logDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates the topics that do not exist yet; existing topics are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (Map.Entry<String, KafkaFuture<Void>> result :
                    admin.createTopics(topics).values().entrySet()) {
                awaitCreation(result.getKey(), result.getValue());
            }
        }
    }

    /** Stops the broker (controlled shutdown) and deletes the temp log dir; idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        if (requestedLogDir == null) {
            TempDirs.deleteQuietly(logDir);
        }
        log.info("Kafka broker on port {} stopped", port);
    }

    static Map<String, String> brokerProperties(int port, int controllerPort, Path logDir, int partitions) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", Integer.toString(partitions));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    private static KafkaRaftServer startServer(Map<String, String> props) {
        KafkaRaftServer candidate = new KafkaRaftServer(KafkaConfig.fromProps(toProperties(props), false), Time.SYSTEM);
        try {
            candidate.startup();
            return candidate;
        } catch (RuntimeException e) {
            candidate.shutdown();
            candidate.awaitShutdown();
            throw e;
        }
    }

    private void formatIfNeeded(Map<String, String> props) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = null;
        try {
            Files.createDirectories(logDir);
            config = Files.createTempFile("embedded-kafka-", ".properties");
            try (Writer out = Files.newBufferedWriter(config)) {
                toProperties(props).store(out, "embedded-infra");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()};
            if (StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8)) != 0) {
                throw new IllegalStateException("Formatting " + logDir + " failed: " + output);
            }
            log.debug("Formatted Kafka log dir: {}", output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.deleteQuietly(config);
        }
    }

    private static void awaitCreation(String topic, KafkaFuture<Void> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic, e);
        }
    }

    private static Properties toProperties(Map<String, String> map) {
        Properties properties = new Properties();
        properties.putAll(map);
        return properties;
    }

    private synchronized void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("Kafka broker is not running");
        }
    }

    /** Options for {@link EmbeddedKafkaServer}: port 0 (free), 1 partition per topic, temp log dir. */
    public static final class Builder {
        private int port;
        private int partitions = 1;
        private Path logDir;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaServer build() {
            return new EmbeddedKafkaServer(port, partitions, logDir, overrides);
        }

        public EmbeddedKafkaServer start() {
            return build().start();
        }
    }
}
