package com.dce.analytics.simulator;

/** How a batch of events travels in a request body to ingest. */
public enum BodyFormat {
    /** One JSON array of event objects. */
    JSON("application/json"),
    /** One event object per line. */
    NDJSON("application/x-ndjson");

    private final String contentType;

    BodyFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
