package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedPostgresIT {

    /** Run in a child JVM: starts PostgreSQL on the given data dir, then dies without running shutdown hooks. */
    public static void main(String[] args) {
        EmbeddedPostgresServer.builder().dataDir(Path.of(args[0])).start();
        Runtime.getRuntime().halt(0);
    }

    @Test
    void shouldReplacePostmasterLeftByDeadJvm(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("pg");
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanedPostgresIT.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(() -> read(dir.resolve("child.log"))).isZero();
        ProcessHandle orphan =
                ProcessHandle.of(PostmasterProcess.pidOf(dataDir).orElseThrow()).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();

        try (EmbeddedPostgresServer postgres =
                        EmbeddedPostgresServer.builder().dataDir(dataDir).start();
                Connection c = postgres.connect()) {
            assertThat(c.isValid(5)).isTrue();
            orphan.onExit().get(10, TimeUnit.SECONDS);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
