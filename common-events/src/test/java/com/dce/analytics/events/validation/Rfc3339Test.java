package com.dce.analytics.events.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @Test
    void shouldAgreeWithTheJdkParserOnRandomTimestamps() {
        Random random = new Random(3339);
        int fastPathHits = 0;
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = randomTimestamp(random);
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                String t = text;
                assertThatThrownBy(() -> Rfc3339.parse(t)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
            valid++;
            fastPathHits += Rfc3339.fast(text) != null ? 1 : 0;
        }
        // all but the lower-case 'z' ones (which the JDK reads case-insensitively) take the fast path
        assertThat(fastPathHits).as("valid timestamps read by the fast path").isGreaterThan(valid * 8 / 10);
        assertThat(valid).isGreaterThan(20_000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-25T10:15:30Z",
                "2026-11-25T10:15:30.1Z",
                "2026-11-25T10:15:30.123456789Z",
                "2026-11-25T10:15:30+02:00",
                "2024-02-29T23:59:59.999-05:30",
                "1999-12-31T23:59:59+18:00"
            })
    void shouldReadTheCommonShapesWithoutTheGeneralFormatter(String text) {
        assertThat(Rfc3339.fast(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-01T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2025-02-29T00:00:00Z",
                "2026-11-25T24:00:00Z",
                "2026-11-25T10:60:00Z",
                "2026-11-25 10:15:30Z",
                "2026-11-25T10:15:30",
                "2026-11-25T10:15:30.1234567890Z",
                "2026-11-25T10:15:30+19:00",
                "2026-11-25T10:15:30+0200",
                "not a time"
            })
    void shouldRefuseWhatTheJdkRefuses(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    private static String randomTimestamp(Random r) {
        int year = 1970 + r.nextInt(100);
        int month = r.nextInt(14); // 0 and 13 are invalid on purpose
        int day = 1 + r.nextInt(31); // sometimes past the month's end
        StringBuilder s = new StringBuilder(String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, r.nextInt(25), r.nextInt(61), r.nextInt(61)));
        int fraction = r.nextInt(11);
        if (fraction > 0) {
            s.append('.');
            for (int i = 0; i < fraction; i++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> s.append('Z');
            case 1 -> s.append(String.format("+%02d:%02d", r.nextInt(20), r.nextInt(60)));
            case 2 -> s.append(String.format("-%02d:%02d", r.nextInt(20), r.nextInt(60)));
            default -> s.append(r.nextBoolean() ? "" : "z");
        }
        return s.toString();
    }
}
