package com.dce.analytics.alert.rule;

import java.time.Instant;

/**
 * A rule as kept in the database: where it came from ({@code file} or {@code api}), its version
 * (for optimistic updates, the ETag), the global change revision, and who changed it when.
 */
public record StoredRule(
        AlertRule rule,
        String source,
        int version,
        long revision,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    public static final String FROM_FILE = "file";
    public static final String FROM_API = "api";

    public String name() {
        return rule.name();
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
