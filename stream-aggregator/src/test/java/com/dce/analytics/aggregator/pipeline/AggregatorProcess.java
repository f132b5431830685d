package com.dce.analytics.aggregator.pipeline;

import com.dce.analytics.aggregator.AggregatorApplication;
import com.dce.analytics.embedded.SharedInfrastructure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The aggregator as a separate JVM, so a test can kill it the hard way (SIGKILL) and start it again. */
final class AggregatorProcess implements AutoCloseable {

    private final Process process;

    private AggregatorProcess(Process process) {
        this.process = process;
    }

    static AggregatorProcess start(String applicationId, Path stateDir, Path log) throws IOException {
        return start(
                applicationId, stateDir, log, SharedInfrastructure.postgres().jdbcUrl(), 0);
    }

    /** With its own PostgreSQL and a known HTTP port (for health checks). */
    static AggregatorProcess start(String applicationId, Path stateDir, Path log, String jdbcUrl, int httpPort)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                AggregatorApplication.class.getName(),
                "--server.port=" + httpPort,
                "--analytics.kafka.bootstrap-servers="
                        + SharedInfrastructure.kafka().bootstrapServers(),
                "--analytics.redis.url=redis://localhost:"
                        + SharedInfrastructure.redis().port(),
                "--spring.datasource.url=" + jdbcUrl + "?reWriteBatchedInserts=true",
                // fail fast while the database is down, so the sink notices and backs off
                "--spring.datasource.hikari.connection-timeout=2000",
                "--spring.datasource.username="
                        + SharedInfrastructure.postgres().username(),
                "--spring.datasource.password="
                        + SharedInfrastructure.postgres().password(),
                "--analytics.aggregator.application-id=" + applicationId,
                "--analytics.aggregator.state-dir=" + stateDir,
                "--analytics.aggregator.grace=30s",
                "--analytics.aggregator.emit-interval=200ms",
                "--analytics.aggregator.stream-threads=1",
                "--analytics.aggregator.sinks.postgres-linger=200ms",
                "--analytics.aggregator.sinks.redis-linger=200ms"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new AggregatorProcess(process);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful close, no final commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
