package com.dce.analytics.alert.rule;

import com.dce.analytics.alert.condition.Condition;
import com.dce.analytics.metrics.MetricDefinition;
import java.util.List;

/** A rule that passed validation, with its condition compiled and the metrics it reads (in slot order). */
public record CompiledRule(AlertRule rule, Condition condition, List<MetricDefinition> metrics) {

    public CompiledRule {
        metrics = List.copyOf(metrics);
    }

    public String name() {
        return rule.name();
    }
}
