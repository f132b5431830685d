package com.dce.analytics.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0,PT0S,0s",
        "500ms,PT0.5S,500ms",
        "90s,PT1M30S,1m30s",
        "5m,PT5M,5m",
        "1h30m,PT1H30M,1h30m",
        "2d,PT48H,2d"
    })
    void shouldParseAndFormat(String text, String iso, String formatted) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(formatted);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "5|1|a unit must follow 5 (ms, s, m, h or d)",
                "5x|1|unknown unit 'x' (use ms, s, m, h or d)",
                "m5|0|expected a number in 'm5', e.g. 5m, 90s or 1h30m",
                "5m1h|3|units must go from largest to smallest, each once, e.g. 1h30m"
            })
    void shouldRefuseWithPosition(String text, int position, String reason) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOfSatisfying(Durations.BadDuration.class, e -> {
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.getMessage()).isEqualTo(reason);
        });
    }
}
