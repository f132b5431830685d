package com.dce.analytics.report.content;

/** A table column: its heading and the kind of value it holds (cells may override the kind). */
public record Column(String name, ValueKind kind) {

    public static Column text(String name) {
        return new Column(name, ValueKind.TEXT);
    }

    public static Column of(String name, ValueKind kind) {
        return new Column(name, kind);
    }
}
