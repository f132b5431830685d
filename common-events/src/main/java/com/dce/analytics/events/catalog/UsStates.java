package com.dce.analytics.events.catalog;

import java.util.List;
import java.util.Set;

/** Two-letter codes of the US states, DC and the territories. */
public final class UsStates {

    public static final List<String> CODES = List.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI",
            "AS", "MP");

    private static final Set<String> SET = Set.copyOf(CODES);

    private UsStates() {}

    public static boolean isValid(String code) {
        return SET.contains(code);
    }
}
