package com.dce.analytics.report.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.report.content.Cell;
import com.dce.analytics.report.content.ValueKind;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void shouldRoundMoneyHalfEvenToCentsOnlyForDisplay() {
        Cell down = Cell.of(ValueKind.MONEY, new BigDecimal("7.3650"));
        Cell up = Cell.of(ValueKind.MONEY, new BigDecimal("7.3750"));

        assertThat(Display.csv(down)).isEqualTo("7.36");
        assertThat(Display.csv(up)).isEqualTo("7.38");
        assertThat(Display.pdf(Cell.of(ValueKind.MONEY, new BigDecimal("1234567.005"))))
                .isEqualTo("1,234,567.00");
        assertThat(down.number()).isEqualByComparingTo("7.3650");
    }

    @Test
    void shouldShowRatiosAsPercentAndChangesWithTheirSign() {
        assertThat(Display.csv(Cell.of(ValueKind.RATIO, new BigDecimal("0.823456"))))
                .isEqualTo("82.35");
        assertThat(Display.pdf(Cell.of(ValueKind.RATIO, new BigDecimal("0.8")))).isEqualTo("80.00 %");
        assertThat(Display.pdf(Cell.of(ValueKind.PERCENT_CHANGE, new BigDecimal("12.345"))))
                .isEqualTo("+12.34 %");
        assertThat(Display.pdf(Cell.of(ValueKind.POINTS_CHANGE, new BigDecimal("-1.5"))))
                .isEqualTo("-1.50 pp");
        assertThat(Display.pdf(Cell.of(ValueKind.COUNT, new BigDecimal("12345"))))
                .isEqualTo("12,345");
    }

    @Test
    void shouldShowMissingValuesAsEmptyInCsvAndADashInPdf() {
        Cell none = Cell.of(ValueKind.RATIO, null);

        assertThat(Display.csv(none)).isEmpty();
        assertThat(Display.pdf(none)).isEqualTo("–");
    }
}
