package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.condition.Numbers;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a notification says, frozen when it is queued (a retry an hour later still reports the
 * value that made the alert fire): the rule, the value and threshold, the group, the comparison
 * as written, and a link to the alert in the console. Each receiver formats it its own way.
 */
public record Message(
        @JsonProperty("alert_id") UUID alertId,
        @JsonProperty("kind") NotificationKind kind,
        @JsonProperty("rule") String rule,
        @JsonProperty("severity") String severity,
        @JsonProperty("summary") String summary,
        @JsonProperty("value") BigDecimal value,
        @JsonProperty("threshold") BigDecimal threshold,
        @JsonProperty("condition") String condition,
        @JsonProperty("window") String window,
        @JsonProperty("group") Map<String, String> group,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("annotations") Map<String, String> annotations,
        @JsonProperty("link") String link,
        @JsonProperty("dedup_key") String dedupKey,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("fired_at") Instant firedAt,
        @JsonProperty("resolved_at") Instant resolvedAt,
        @JsonProperty("acked_by") String ackedBy,
        @JsonProperty("at") Instant at) {

    public Message {
        group = group == null ? Map.of() : new TreeMap<>(group);
        labels = labels == null ? Map.of() : new TreeMap<>(labels);
        annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
    }

    /** {@code buyer_id=b-7, state=CA}, or {@code all} for an ungrouped rule. */
    public String groupText() {
        return group.isEmpty()
                ? "all"
                : group.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    public String stateWord() {
        return switch (kind) {
            case FIRING -> "FIRING";
            case REMINDER -> "STILL FIRING";
            case RESOLVED -> "RESOLVED";
            case ACKNOWLEDGED -> "ACKNOWLEDGED";
        };
    }

    /** e.g. {@code [CRITICAL] FIRING high_drop_rate (buyer_id=b-7)}. */
    public String title() {
        String head = kind == NotificationKind.RESOLVED ? "[RESOLVED]" : "[" + severity.toUpperCase(Locale.ROOT) + "]";
        return head + " " + (kind == NotificationKind.RESOLVED ? "" : stateWord() + " ") + rule
                + (group.isEmpty() ? "" : " (" + groupText() + ")");
    }

    /** The plain-text body every receiver carries in some form. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Rule: ").append(rule).append(" (").append(severity).append(")\n");
        out.append("State: ").append(stateWord()).append('\n');
        out.append("Condition: ")
                .append(condition)
                .append(" over ")
                .append(window)
                .append('\n');
        out.append(kind == NotificationKind.RESOLVED ? "Last observed: " : "Observed: ")
                .append(summary)
                .append('\n');
        out.append("Value: ")
                .append(Numbers.format(value))
                .append(", threshold: ")
                .append(Numbers.format(threshold))
                .append('\n');
        out.append("Group: ").append(groupText()).append('\n');
        if (annotations.containsKey("summary")) {
            out.append(annotations.get("summary")).append('\n');
        }
        if (annotations.containsKey("description")) {
            out.append(annotations.get("description")).append('\n');
        }
        if (annotations.containsKey("runbook_url")) {
            out.append("Runbook: ").append(annotations.get("runbook_url")).append('\n');
        }
        out.append("Since: ").append(firedAt != null ? firedAt : startedAt);
        if (resolvedAt != null) {
            out.append(", resolved at ").append(resolvedAt);
        }
        if (ackedBy != null) {
            out.append(", acknowledged by ").append(ackedBy);
        }
        out.append('\n');
        out.append("Link: ").append(link).append('\n');
        return out.toString();
    }
}
