package com.dce.analytics.report.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.report.support.CsvTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldQuoteFieldsHoldingDelimitersQuotesAndLineBreaksAndEndRecordsWithCrlf() {
        byte[] bytes = new Csv(3)
                .record("plain", "a,b", "say \"hi\"")
                .record("line\nbreak", " padded ", "ünïcödé – €")
                .record("short")
                .toBytes();

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(
                        "plain,\"a,b\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",\" padded \",ünïcödé – €\r\nshort,,\r\n");
        assertThat(CsvTable.parse(bytes).records())
                .containsExactly(
                        List.of("plain", "a,b", "say \"hi\""),
                        List.of("line\nbreak", " padded ", "ünïcödé – €"),
                        List.of("short", "", ""));
    }

    @Test
    void shouldRefuseARecordWiderThanTheTable() {
        assertThatThrownBy(() -> new Csv(1).record("a", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDefuseTextThatASpreadsheetWouldRunAsAFormula() {
        assertThat(Csv.safeText("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(Csv.safeText("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.safeText("buyer-007")).isEqualTo("buyer-007");
    }
}
