package com.dce.analytics.events.validation;

import java.util.List;
import java.util.Map;

/** Rules that tie one property to another, e.g. a dropped call must say why it dropped. */
final class CrossFieldRules {

    private CrossFieldRules() {}

    static void check(String eventType, Map<String, Object> properties, String path, List<Violation> problems) {
        switch (eventType) {
            case "call.completed" -> {
                Object disposition = properties.get("disposition");
                if ("dropped".equals(disposition) && !properties.containsKey("drop_reason")) {
                    problems.add(new Violation(path + ".drop_reason", "is required when disposition is dropped"));
                }
                boolean talked = "completed".equals(disposition) || "dropped".equals(disposition);
                if (talked && !properties.containsKey("buyer_id")) {
                    problems.add(new Violation(path + ".buyer_id", "is required when the call connected"));
                }
            }
            case "call.routed" -> {
                if (Boolean.TRUE.equals(properties.get("success")) && !properties.containsKey("buyer_id")) {
                    problems.add(new Violation(path + ".buyer_id", "is required when routing succeeded"));
                }
            }
            default -> {
                // no cross-field rules
            }
        }
    }
}
