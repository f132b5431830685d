package com.dce.analytics.store.access;

import com.dce.analytics.metrics.Audience;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an API key may do. Roles decide which metric audiences (and so which dashboards) a key can
 * read; {@code ADMIN} also manages keys and reads the audit log.
 */
public enum Role {
    VIEWER(EnumSet.of(Audience.OPERATIONS, Audience.QUALITY)),
    OPERATOR(EnumSet.of(Audience.OPERATIONS, Audience.QUALITY, Audience.COMPLIANCE)),
    FINANCE(EnumSet.of(Audience.FINANCE, Audience.EXECUTIVE)),
    COMPLIANCE(EnumSet.of(Audience.COMPLIANCE, Audience.QUALITY)),
    EXECUTIVE(EnumSet.of(Audience.EXECUTIVE, Audience.FINANCE, Audience.OPERATIONS, Audience.QUALITY)),
    ADMIN(EnumSet.allOf(Audience.class));

    private final Set<Audience> audiences;

    Role(Set<Audience> audiences) {
        this.audiences = audiences;
    }

    public Set<Audience> audiences() {
        return audiences;
    }
}
