package com.dce.analytics.alert.evaluation;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The values of one query shape in one cycle, by group (the shape's group-by dimensions), or the
 * reason the read failed. {@code whenAbsent} is the metric's value over no data, for an ungrouped
 * shape read as part of a grouped batch (zero revenue, no drop rate).
 */
record ShapeValues(Map<Map<String, String>, BigDecimal> values, BigDecimal whenAbsent, String error) {

    static ShapeValues failed(String error) {
        return new ShapeValues(Map.of(), null, error);
    }

    boolean failed() {
        return error != null;
    }

    BigDecimal valueOf(Map<String, String> group) {
        BigDecimal v = values.get(group);
        return v != null || values.containsKey(group) ? v : whenAbsent;
    }
}
