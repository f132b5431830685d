package com.dce.analytics.store.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audited action: who (key), what (action and resource), when, and how it ended. */
public record AuditEntry(
        Instant at,
        UUID keyId,
        String keyName,
        String service,
        String action,
        String resource,
        String outcome,
        int status,
        int durationMs,
        Map<String, Object> details) {}
