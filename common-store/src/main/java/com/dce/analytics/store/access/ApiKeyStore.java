package com.dce.analytics.store.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * API keys in PostgreSQL, stored as SHA-256 hashes (keys are 256 random bits, so a fast hash is
 * the right tool; there is nothing to brute-force). Issued, listed and revoked by admins;
 * authentication looks the hash up, with a short cache so a busy dashboard does not cost a
 * database round trip per request (a revocation takes effect within {@link #CACHE_TTL}).
 */
public final class ApiKeyStore {

    public static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final String KEY_PREFIX = "cea_";

    private record Cached(Optional<ApiPrincipal> principal, Instant expires) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeyStore(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public IssuedKey issue(String name, Set<Role> roles, String createdBy) {
        if (name == null || name.isBlank() || roles.isEmpty()) {
            throw new IllegalArgumentException("a key needs a name and at least one role");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return store(name, roles, createdBy, secret);
    }

    /** Registers a key whose secret is chosen elsewhere (the bootstrap admin key of a deployment). */
    public IssuedKey register(String name, Set<Role> roles, String createdBy, String secret) {
        Optional<ApiKey> existing = findByHash(sha256(secret));
        return existing.map(k -> new IssuedKey(k, secret)).orElseGet(() -> store(name, roles, createdBy, secret));
    }

    private IssuedKey store(String name, Set<Role> roles, String createdBy, String secret) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO api_keys (id, name, key_prefix, key_hash, roles, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, name);
                    ps.setString(3, secret.substring(0, Math.min(8, secret.length())));
                    ps.setString(4, sha256(secret));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", names(roles)));
                    ps.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    ps.setString(7, createdBy);
                });
        return new IssuedKey(
                new ApiKey(
                        id, name, secret.substring(0, Math.min(8, secret.length())), roles, now, createdBy, null, null),
                secret);
    }

    public Optional<ApiPrincipal> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.principal();
        }
        Optional<ApiPrincipal> principal = findByHash(hash)
                .filter(k -> k.revokedAt() == null)
                .map(k -> new ApiPrincipal(k.id(), k.name(), k.roles()));
        principal.ifPresent(p -> jdbc.update(
                "UPDATE api_keys SET last_used_at = ? WHERE id = ?",
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                p.keyId()));
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(hash, new Cached(principal, now.plus(CACHE_TTL)));
        return principal;
    }

    public List<ApiKey> list() {
        return jdbc.query("SELECT * FROM api_keys ORDER BY created_at", (rs, n) -> map(rs));
    }

    /** Revokes a key; false if there is no such key or it was already revoked. */
    public boolean revoke(UUID id) {
        int changed = jdbc.update(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                id);
        cache.clear();
        return changed > 0;
    }

    private Optional<ApiKey> findByHash(String hash) {
        return jdbc.query("SELECT * FROM api_keys WHERE key_hash = ?", (rs, n) -> map(rs), hash).stream()
                .findFirst();
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("roles");
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (String r : (String[]) roles.getArray()) {
            set.add(Role.valueOf(r));
        }
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("key_prefix"),
                set,
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "revoked_at"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream()
                .map(Enum::name)
                .sorted()
                .collect(Collectors.toList())
                .toArray(String[]::new);
    }

    /** Parses role names case-insensitively; unknown names are an error. */
    public static Set<Role> parseRoles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : names) {
            roles.add(Arrays.stream(Role.values())
                    .filter(r -> r.name().equalsIgnoreCase(n))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown role '" + n + "'; roles: "
                            + Arrays.toString(Role.values()).toLowerCase())));
        }
        return roles;
    }
}
