package com.dce.analytics.report.content;

import com.dce.analytics.metrics.Formula;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.metrics.WindowSpec;

/** How a catalog metric is shown in a report: its value kind and display unit. */
final class Metrics {

    private Metrics() {}

    static ValueKind kindOf(MetricDefinition def) {
        if (def.unit().equals("ratio")) {
            return ValueKind.RATIO;
        }
        if (def.unit().startsWith("currency")) {
            return ValueKind.MONEY;
        }
        if (def.formula() instanceof Formula.Count) {
            return ValueKind.COUNT;
        }
        return ValueKind.DECIMAL;
    }

    static String unitOf(MetricDefinition def, String currency) {
        return switch (kindOf(def)) {
            case RATIO -> "%";
            case MONEY -> def.unit().replace("currency", currency);
            default -> def.unit();
        };
    }

    /** Metrics read over sliding windows only give points a window apart, not a period total. */
    static boolean tabulable(MetricDefinition def) {
        return WindowSpec.byLabel(def.window()).map(WindowSpec::tumbling).orElse(true);
    }

    static String title(String metric) {
        String s = metric.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
