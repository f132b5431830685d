package com.dce.analytics.alert.state;

import com.dce.analytics.alert.condition.Comparison;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.rule.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One alert: an episode of one rule for one group key (e.g. {@code high_drop_rate} for
 * {@code buyer_id=b-7}) from the moment its condition first held until it resolved. Carries what
 * messages need (the value, the threshold, every comparison) and what the state machine needs
 * (when it started, fired, last held, was last notified, acknowledged or silenced).
 *
 * @param notified whether a firing notification went out (so resolving it is worth a message)
 */
public record Alert(
        UUID id,
        String ruleName,
        String groupKey,
        Map<String, String> group,
        Map<String, String> labels,
        Map<String, String> annotations,
        Severity severity,
        AlertState state,
        String condition,
        String window,
        BigDecimal value,
        BigDecimal threshold,
        String summary,
        List<Comparison> details,
        List<Route> routes,
        Instant startedAt,
        Instant firedAt,
        Instant resolvedAt,
        Instant lastEvaluatedAt,
        Instant lastTrueAt,
        Instant lastNotifiedAt,
        boolean notified,
        Acknowledgement ack,
        UUID silencedBy) {

    public Alert {
        group = Map.copyOf(group);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        details = List.copyOf(details);
        routes = List.copyOf(routes);
    }

    public boolean acknowledged() {
        return ack != null;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes to an alert, made by the state machine. */
    public static final class Builder {
        private final Alert base;
        private AlertState state;
        private BigDecimal value;
        private BigDecimal threshold;
        private String summary;
        private List<Comparison> details;
        private Instant firedAt;
        private Instant resolvedAt;
        private Instant lastEvaluatedAt;
        private Instant lastTrueAt;
        private Instant lastNotifiedAt;
        private boolean notified;
        private UUID silencedBy;

        private Builder(Alert base) {
            this.base = base;
            this.state = base.state;
            this.value = base.value;
            this.threshold = base.threshold;
            this.summary = base.summary;
            this.details = base.details;
            this.firedAt = base.firedAt;
            this.resolvedAt = base.resolvedAt;
            this.lastEvaluatedAt = base.lastEvaluatedAt;
            this.lastTrueAt = base.lastTrueAt;
            this.lastNotifiedAt = base.lastNotifiedAt;
            this.notified = base.notified;
            this.silencedBy = base.silencedBy;
        }

        public Builder state(AlertState s) {
            state = s;
            return this;
        }

        public Builder observed(BigDecimal v, BigDecimal t, String text, List<Comparison> comparisons) {
            value = v;
            threshold = t;
            summary = text;
            details = comparisons;
            return this;
        }

        public Builder firedAt(Instant t) {
            firedAt = t;
            return this;
        }

        public Builder resolvedAt(Instant t) {
            resolvedAt = t;
            return this;
        }

        public Builder lastEvaluatedAt(Instant t) {
            lastEvaluatedAt = t;
            return this;
        }

        public Builder lastTrueAt(Instant t) {
            lastTrueAt = t;
            return this;
        }

        public Builder notifiedAt(Instant t) {
            lastNotifiedAt = t;
            notified = true;
            return this;
        }

        public Builder silencedBy(UUID id) {
            silencedBy = id;
            return this;
        }

        public Alert build() {
            return new Alert(
                    base.id,
                    base.ruleName,
                    base.groupKey,
                    base.group,
                    base.labels,
                    base.annotations,
                    base.severity,
                    state,
                    base.condition,
                    base.window,
                    value,
                    threshold,
                    summary,
                    details,
                    base.routes,
                    base.startedAt,
                    firedAt,
                    resolvedAt,
                    lastEvaluatedAt,
                    lastTrueAt,
                    lastNotifiedAt,
                    notified,
                    base.ack,
                    silencedBy);
        }
    }
}
