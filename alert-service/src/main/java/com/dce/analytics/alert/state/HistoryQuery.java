package com.dce.analytics.alert.state;

import com.dce.analytics.alert.rule.Severity;
import java.time.Instant;

/**
 * Which alerts to list (the spec's {@code AlertHistoryParams}): any that were active at some time
 * in {@code [from, to)}, optionally of one rule, severity and state, newest first.
 */
public record HistoryQuery(String rule, Severity severity, AlertState state, Instant from, Instant to, int limit) {}
