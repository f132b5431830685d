package com.dce.analytics.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets of a local run, generated on first start and kept (owner-only) in the data
 * directory so that a restart keeps the same API key and the same pseudonyms. Nothing here is
 * in the repository.
 *
 * @param piiKey base64 key for pseudonymising personal data
 * @param adminKey an ADMIN API key, also accepted by ingest
 */
record LocalSecrets(String piiKey, String adminKey) {

    static LocalSecrets loadOrCreate(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        SecureRandom random = new SecureRandom();
        boolean changed = false;
        if (!p.containsKey("pii.key")) {
            p.setProperty("pii.key", Base64.getEncoder().encodeToString(bytes(random)));
            changed = true;
        }
        if (!p.containsKey("admin.key")) {
            p.setProperty(
                    "admin.key",
                    "cea_local_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random)));
            changed = true;
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "secrets of the local run; delete to regenerate");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        return new LocalSecrets(p.getProperty("pii.key"), p.getProperty("admin.key"));
    }

    private static byte[] bytes(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }
}
