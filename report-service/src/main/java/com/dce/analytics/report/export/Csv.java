package com.dce.analytics.report.export;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small RFC 4180 writer: records end with CRLF, a field holding a comma, a double quote, CR or
 * LF (or leading/trailing blanks) is enclosed in double quotes with inner quotes doubled. Output
 * is UTF-8 without a byte-order mark.
 */
public final class Csv {

    private final StringBuilder out = new StringBuilder(4096);
    private final int width;

    /** @param width every record is padded to this many fields, so the file is one rectangular table */
    public Csv(int width) {
        this.width = width;
    }

    public Csv record(List<String> fields) {
        if (fields.size() > width) {
            throw new IllegalArgumentException("record has " + fields.size() + " fields, width is " + width);
        }
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(i < fields.size() ? fields.get(i) : ""));
        }
        out.append("\r\n");
        return this;
    }

    public Csv record(String... fields) {
        return record(List.of(fields));
    }

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String field) {
        if (field == null) {
            return "";
        }
        boolean quote = field.indexOf(',') >= 0
                || field.indexOf('"') >= 0
                || field.indexOf('\r') >= 0
                || field.indexOf('\n') >= 0
                || (!field.isEmpty() && (field.charAt(0) == ' ' || field.charAt(field.length() - 1) == ' '));
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** Text that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
    public static String safeText(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
