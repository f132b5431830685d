package com.dce.analytics.metrics;

/** Who a metric is for; access control maps roles to the audiences they may read. */
public enum Audience {
    OPERATIONS,
    QUALITY,
    FINANCE,
    COMPLIANCE,
    EXECUTIVE
}
