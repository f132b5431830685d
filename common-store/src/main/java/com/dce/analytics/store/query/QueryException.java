package com.dce.analytics.store.query;

/** A query the engine refuses, with the reason in words a caller can act on. */
public final class QueryException extends RuntimeException {

    public enum Kind {
        UNKNOWN_METRIC,
        UNKNOWN_DIMENSION,
        BAD_RANGE,
        BAD_STEP,
        TOO_MANY_POINTS,
        TOO_MANY_SERIES
    }

    private final Kind kind;

    public QueryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
