package com.dce.analytics.alert.condition;

import java.util.List;

/** The result of evaluating a condition for one group: its truth and every comparison in it. */
public record Outcome(Truth truth, List<Comparison> comparisons) {

    public Outcome {
        comparisons = List.copyOf(comparisons);
    }

    /** The comparison that explains the outcome: the first one that holds when firing, else the first. */
    public Comparison decisive() {
        if (truth == Truth.TRUE) {
            for (Comparison c : comparisons) {
                if (c.truth() == Truth.TRUE) {
                    return c;
                }
            }
        }
        return comparisons.getFirst();
    }

    /** The comparisons that hold, joined for a message, or the decisive one when none does. */
    public String summary() {
        List<String> parts = comparisons.stream()
                .filter(c -> c.truth() == Truth.TRUE)
                .map(Comparison::describe)
                .toList();
        return parts.isEmpty() ? decisive().describe() : String.join("; ", parts);
    }
}
