package com.dce.analytics.ingest.security;

import com.dce.analytics.ingest.system.IngestProperties.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The accepted API keys, known only by their SHA-256 hashes. A presented key is hashed and
 * compared with every configured hash in constant time, so neither the configuration nor the
 * timing of a refusal tells anything about a valid key.
 */
public final class ApiKeys {

    /** Request attribute holding the name of the authenticated client. */
    public static final String CLIENT_ATTRIBUTE = ApiKeys.class.getName() + ".client";

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_KEY_LENGTH = 512;

    private final List<Entry> entries;

    private record Entry(String name, byte[] hash) {}

    public ApiKeys(List<ApiKey> configured) {
        this.entries = configured.stream().map(ApiKeys::entry).toList();
    }

    /** The lower-case hex SHA-256 of a key: the value to configure as {@code analytics.ingest.api-keys[n].sha256}. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The name of the client the key belongs to, if it is a configured key. */
    public Optional<String> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        String match = null;
        for (Entry entry : entries) {
            // no early exit: every configured hash is compared, each in constant time
            if (MessageDigest.isEqual(entry.hash(), presented) && match == null) {
                match = entry.name();
            }
        }
        return Optional.ofNullable(match);
    }

    private static Entry entry(ApiKey key) {
        if (key.name() == null || key.name().isBlank()) {
            throw new IllegalArgumentException("every analytics.ingest.api-keys entry needs a name");
        }
        if (key.sha256() == null || !HEX_SHA256.matcher(key.sha256()).matches()) {
            throw new IllegalArgumentException("analytics.ingest.api-keys entry '" + key.name()
                    + "' needs sha256 = the 64 hex digits of the key's SHA-256 (never the key itself)");
        }
        return new Entry(key.name(), HexFormat.of().parseHex(key.sha256().toLowerCase()));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
