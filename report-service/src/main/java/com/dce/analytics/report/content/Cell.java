package com.dce.analytics.report.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One cell of a report table: a text, or an exact number with its kind. A number is never rounded
 * here; rounding happens only when it is displayed. A null number means "no data" (a ratio over
 * nothing), shown as an empty CSV field and a dash in the PDF.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cell(ValueKind kind, String text, BigDecimal number) {

    private static final Cell EMPTY = new Cell(ValueKind.TEXT, "", null);

    public static Cell text(String text) {
        return new Cell(ValueKind.TEXT, text == null ? "" : text, null);
    }

    public static Cell of(ValueKind kind, BigDecimal number) {
        return new Cell(kind, null, number);
    }

    public static Cell empty() {
        return EMPTY;
    }

    public boolean textual() {
        return kind == ValueKind.TEXT;
    }
}
