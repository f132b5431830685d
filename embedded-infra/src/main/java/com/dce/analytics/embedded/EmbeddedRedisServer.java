package com.dce.analytics.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server run as a child process on 127.0.0.1, in memory only (no RDB/AOF files). By default it runs the
 * Redis 6.2 binary bundled in {@code com.github.codemonstur:embedded-redis}; with {@code preferSystemBinary} it runs a
 * {@code redis-server} found on the PATH (e.g. Debian's Redis 7) and falls back to the bundled one. {@link #close()}
 * sends SIGTERM and waits for the process to exit.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final int requestedPort;
    private final boolean preferSystemBinary;
    private RedisServer server;
    private Path workDir;
    private int port;

    /**
     * @param port server port, 0 for a free one
     * @param preferSystemBinary run {@code redis-server} from the PATH when there is one
     */
    public EmbeddedRedisServer(int port, boolean preferSystemBinary) {
        this.requestedPort = port;
        this.preferSystemBinary = preferSystemBinary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts Redis and returns once it logged that it accepts connections; no-op when running. */
    public synchronized EmbeddedRedisServer start() {
        if (server != null) {
            return this;
        }
        port = FreePorts.resolve(requestedPort);
        workDir = TempDirs.create("embedded-redis-");
        try {
            RedisServer candidate = RedisServer.newRedisServer()
                    .executableProvider(executable())
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + workDir)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("daemonize no")
                    .build();
            candidate.start();
            server = candidate;
        } catch (IOException e) {
            TempDirs.deleteQuietly(workDir);
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
        log.info("Redis listening on 127.0.0.1:{}", port);
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("Redis is not running");
        }
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the Redis process and deletes its working dir; idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("Stopping Redis on port {} failed", port, e);
        } finally {
            server = null;
            TempDirs.deleteQuietly(workDir);
        }
    }

    /** The {@code redis-server} executable on the PATH, if any. */
    public static Optional<Path> systemBinary() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private ExecutableProvider executable() {
        Optional<Path> system = preferSystemBinary ? systemBinary() : Optional.empty();
        return system.<ExecutableProvider>map(binary -> binary::toFile)
                .orElseGet(ExecutableProvider::newJarResourceProvider);
    }

    /** Options for {@link EmbeddedRedisServer}: port 0 (free) and the bundled binary by default. */
    public static final class Builder {
        private int port;
        private boolean preferSystemBinary;

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder preferSystemBinary(boolean preferSystemBinary) {
            this.preferSystemBinary = preferSystemBinary;
            return this;
        }

        public EmbeddedRedisServer build() {
            return new EmbeddedRedisServer(port, preferSystemBinary);
        }

        public EmbeddedRedisServer start() {
            return build().start();
        }
    }
}
