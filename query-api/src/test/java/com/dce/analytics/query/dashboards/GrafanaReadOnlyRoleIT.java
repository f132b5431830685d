package com.dce.analytics.query.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.embedded.EmbeddedPostgresServer;
import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.store.StoreMigrations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The init script that docker-compose mounts into the timescaledb container to create Grafana's
 * read-only role, run the way the container runs it (psql as the database owner, before the
 * services' migrations) against a fresh database of the embedded PostgreSQL: afterwards the role
 * reads the tables the migrations created and can change nothing. (The embedded server trusts every
 * login, so the password itself is only checked to be set.)
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GrafanaReadOnlyRoleIT {

    private static final Path SCRIPT = Path.of("..", "grafana", "postgres", "010-grafana-readonly.sql");
    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final String DATABASE = "grafana_ro_it";
    private static final Path PSQL = Path.of("/usr/bin/psql");

    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void freshDatabase() throws SQLException {
        Assumptions.assumeTrue(
                Files.isExecutable(PSQL) && psqlMajorVersion() >= 15,
                "psql 15+ (\\getenv) is needed to run the init script: apt-get install -y postgresql-client");
        postgres = SharedInfrastructure.postgres();
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS grafana_ro");
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static int psqlMajorVersion() {
        try {
            Process p = new ProcessBuilder(PSQL.toString(), "--version").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("\\b(\\d+)\\.").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int psql(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        PSQL.toString(),
                        "-v",
                        "ON_ERROR_STOP=1",
                        "--no-psqlrc",
                        "-h",
                        "localhost",
                        "-p",
                        Integer.toString(postgres.port()),
                        "-U",
                        postgres.username(),
                        "-d",
                        DATABASE,
                        "-f",
                        SCRIPT.toString())
                .redirectErrorStream(true);
        pb.environment().remove("GRAFANA_DB_PASSWORD");
        pb.environment().put("PGPASSWORD", postgres.password());
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("psql " + SCRIPT + ": " + output);
        return p.exitValue();
    }

    private static Connection as(String user) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.port() + "/" + DATABASE, user, "any");
    }

    private static String storedPassword(PGSimpleDataSource owner) throws SQLException {
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'grafana_ro'")) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }

    /** Connects as grafana_ro and reads every table of schema public. */
    private static void assertReadsEveryTable() throws SQLException {
        try (Connection c = as("grafana_ro");
                Statement s = c.createStatement()) {
            List<String> tables;
            try (ResultSet r =
                    s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
                tables = new ArrayList<>();
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).contains("metric_rollups", "events", "storage_features", "api_keys");
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    assertThat(r.next()).as(table).isTrue();
                }
            }
            try (ResultSet r = s.executeQuery("SELECT value FROM storage_features WHERE name = 'timescaledb'")) {
                assertThat(r.next()).isTrue();
            }
        }
    }

    @Test
    void theRoleShouldReadWhatTheMigrationsCreateAndChangeNothing() throws Exception {
        // given the script refuses to run without a password
        assertThat(psql(Map.of())).isNotZero();
        assertThat(psql(Map.of("GRAFANA_DB_PASSWORD", ""))).isNotZero();

        // when it runs as the container runs it, then the services' migrations create the tables
        assertThat(psql(Map.of("GRAFANA_DB_PASSWORD", "first-secret"))).isZero();
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL("jdbc:postgresql://localhost:" + postgres.port() + "/" + DATABASE);
        owner.setUser(postgres.username());
        owner.setPassword(postgres.password());
        StoreMigrations.migrate(owner);

        // then the role reads every table the migrations created after it (default privileges)
        assertReadsEveryTable();
        String firstPassword = storedPassword(owner);
        // and it is run again by hand (an existing volume): it still succeeds and sets the new password
        assertThat(psql(Map.of("GRAFANA_DB_PASSWORD", "second-secret"))).isZero();
        assertThat(storedPassword(owner)).isNotEqualTo(firstPassword);

        // and the role is a plain login role with a password, read-only by default
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolcanlogin,"
                        + " a.rolpassword LIKE 'SCRAM-SHA-256$%' AS has_password, r.rolconfig"
                        + " FROM pg_roles r JOIN pg_authid a ON a.oid = r.oid WHERE r.rolname = 'grafana_ro'")) {
            assertThat(r.next()).isTrue();
            assertThat(List.of(r.getBoolean(1), r.getBoolean(2), r.getBoolean(3)))
                    .containsOnly(false);
            assertThat(r.getBoolean(4)).isTrue();
            assertThat(r.getBoolean(5)).isTrue();
            assertThat((String[]) r.getArray(6).getArray()).contains("default_transaction_read_only=on");
        }

        // and, after the re-run too, it reads every table and can change nothing, even in a
        // read-write transaction
        assertReadsEveryTable();
        try (Connection c = as("grafana_ro");
                Statement s = c.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
            for (String sql : List.of(
                    "INSERT INTO storage_features (name, value) VALUES ('x', 'y')",
                    "UPDATE storage_features SET value = 'x'",
                    "DELETE FROM storage_features",
                    "TRUNCATE storage_features",
                    "CREATE TABLE grafana_was_here (id int)",
                    "DROP TABLE storage_features")) {
                assertThatThrownBy(() -> s.execute(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as(sql + ": " + e.getMessage())
                                .isEqualTo("42501"));
            }
        }
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM storage_features")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void composeShouldMountTheScriptAndGiveGrafanaTheRoleNotTheOwner() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertThat(compose)
                .contains("./grafana/postgres/010-grafana-readonly.sql:/docker-entrypoint-initdb.d/"
                        + "010-grafana-readonly.sql:ro");
        String grafana = compose.substring(compose.indexOf("\n  grafana:\n"));
        assertThat(grafana).contains("POSTGRES_READONLY_USER: grafana_ro");
        assertThat(grafana).contains("POSTGRES_READONLY_PASSWORD: ${GRAFANA_DB_PASSWORD:?");
        assertThat(grafana).doesNotContain("POSTGRES_READONLY_USER: analytics");
        assertThat(grafana).doesNotContain("${POSTGRES_PASSWORD");
        String timescale =
                compose.substring(compose.indexOf("\n  timescaledb:\n"), compose.indexOf("\n  stream-aggregator:"));
        assertThat(timescale).contains("GRAFANA_DB_PASSWORD: ${GRAFANA_DB_PASSWORD:?");
    }
}
