package com.dce.analytics.store.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API key as listed to admins: never the key itself, only its first characters. */
public record ApiKey(
        UUID id,
        String name,
        String prefix,
        Set<Role> roles,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        Instant lastUsedAt) {}
