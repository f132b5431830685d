package com.dce.analytics.report.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 4180 parser for tests (quoted fields, doubled quotes, CRLF), independent of the writer,
 * with helpers to find a report's blocks: a title record, a heading record, data records, an
 * empty record.
 */
public final class CsvTable {

    private final List<List<String>> records;

    private CsvTable(List<List<String>> records) {
        this.records = records;
    }

    public static CsvTable parse(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalStateException("bare line break outside quotes at " + i);
            } else {
                field.append(c);
            }
            i++;
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            throw new IllegalStateException("last record is not terminated by CRLF");
        }
        return new CsvTable(records);
    }

    public List<List<String>> records() {
        return records;
    }

    /** The value of a header field such as "Period". */
    public Optional<String> header(String name) {
        return records.stream()
                .filter(r -> r.getFirst().equals(name))
                .map(r -> r.get(1))
                .findFirst();
    }

    /** The data records of the block titled {@code title}, heading record first. */
    public List<List<String>> block(String title) {
        for (int i = 0; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.getFirst().equals(title) && r.stream().skip(1).allMatch(String::isEmpty)) {
                List<List<String>> out = new ArrayList<>();
                for (int j = i + 1;
                        j < records.size() && !records.get(j).stream().allMatch(String::isEmpty);
                        j++) {
                    out.add(records.get(j));
                }
                return out;
            }
        }
        throw new AssertionError("no block titled '" + title + "'");
    }

    /** The field under {@code column} in the row of block {@code title} whose first field is {@code row}. */
    public String value(String title, String row, String column) {
        List<List<String>> block = block(title);
        int col = block.getFirst().indexOf(column);
        if (col < 0) {
            throw new AssertionError("block '" + title + "' has no column '" + column + "': " + block.getFirst());
        }
        return block.stream()
                .skip(1)
                .filter(r -> r.getFirst().equals(row))
                .findFirst()
                .orElseThrow(() -> new AssertionError("block '" + title + "' has no row '" + row + "'"))
                .get(col);
    }
}
