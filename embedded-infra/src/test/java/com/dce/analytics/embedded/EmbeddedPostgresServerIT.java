package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @Test
    void shouldAnswerVersionAndCreateTableInAnalyticsDatabase() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder().start();
                Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            assertThat(postgres.jdbcUrl()).endsWith("/analytics");
            assertThat(queryString(s, "select version()")).startsWith("PostgreSQL 17.");
            assertThat(queryString(s, "select current_database()")).isEqualTo("analytics");

            s.execute("create table calls (id bigint primary key, buyer text not null)");
            s.execute("insert into calls values (1, 'acme')");
            assertThat(queryString(s, "select buyer from calls where id = 1")).isEqualTo("acme");
        }
    }

    @Test
    void shouldKeepDataAcrossRestartWithSameDataDir(@TempDir Path dir) throws SQLException {
        Path dataDir = dir.resolve("pg");
        int port = FreePorts.pick();
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.builder()
                        .port(port)
                        .dataDir(dataDir)
                        .start();
                Connection c = first.connect();
                Statement s = c.createStatement()) {
            assertThat(first.port()).isEqualTo(port);
            s.execute("create table survivors (name text)");
            s.execute("insert into survivors values ('kept')");
        }

        try (EmbeddedPostgresServer second =
                        EmbeddedPostgresServer.builder().dataDir(dataDir).start();
                Connection c = second.connect();
                Statement s = c.createStatement()) {
            assertThat(queryString(s, "select name from survivors")).isEqualTo("kept");
        }
    }

    @Test
    void shouldStopPostmasterAndDeleteTempDataDirOnClose() throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder().start();
        Path dataDir = postgres.dataDir();
        ProcessHandle postmaster =
                ProcessHandle.of(PostmasterProcess.pidOf(dataDir).orElseThrow()).orElseThrow();

        postgres.close();
        postgres.close();

        // the postmaster is not our child: it is gone once init has reaped it
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        assertThat(postgres.isRunning()).isFalse();
        assertThat(dataDir).doesNotExist();
    }

    private static String queryString(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
