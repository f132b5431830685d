package com.dce.analytics.alert.rule;

import java.time.Duration;

/**
 * Durations as rule authors write them, Prometheus style: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 2d}; a bare {@code 0} is zero. Parsed by hand, with the position of the
 * first character that does not fit.
 */
public final class Durations {

    private Durations() {}

    /** A duration that does not parse: where and why. */
    public static final class BadDuration extends IllegalArgumentException {
        private final int position;

        BadDuration(int position, String reason) {
            super(reason);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadDuration(0, "a duration is required, e.g. 5m");
        }
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        int i = 0;
        int lastRank = Integer.MAX_VALUE;
        while (i < s.length()) {
            int digits = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits) {
                throw new BadDuration(i, "expected a number in '" + s + "', e.g. 5m, 90s or 1h30m");
            }
            if (i - digits > 9) {
                throw new BadDuration(digits, "the number in '" + s + "' is too large");
            }
            long n = Long.parseLong(s, digits, i, 10);
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            int rank;
            Duration part;
            switch (unit) {
                case "d" -> {
                    rank = 5;
                    part = Duration.ofDays(n);
                }
                case "h" -> {
                    rank = 4;
                    part = Duration.ofHours(n);
                }
                case "m" -> {
                    rank = 3;
                    part = Duration.ofMinutes(n);
                }
                case "s" -> {
                    rank = 2;
                    part = Duration.ofSeconds(n);
                }
                case "ms" -> {
                    rank = 1;
                    part = Duration.ofMillis(n);
                }
                default ->
                    throw new BadDuration(
                            unitStart,
                            unit.isEmpty()
                                    ? "a unit must follow " + n + " (ms, s, m, h or d)"
                                    : "unknown unit '" + unit + "' (use ms, s, m, h or d)");
            }
            if (rank >= lastRank) {
                throw new BadDuration(unitStart, "units must go from largest to smallest, each once, e.g. 1h30m");
            }
            lastRank = rank;
            total = total.plus(part);
        }
        return total;
    }

    /** The shortest exact form: {@code 5m}, {@code 1h30m}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int k = 0; k < sizes.length; k++) {
            if (ms >= sizes[k]) {
                out.append(ms / sizes[k]).append(units[k]);
                ms %= sizes[k];
            }
        }
        return out.toString();
    }
}
