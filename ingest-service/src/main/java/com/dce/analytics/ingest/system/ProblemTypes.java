package com.dce.analytics.ingest.system;

import java.net.URI;

/**
 * Problem types of the ingest API (RFC 9457 {@code type} members) for answers that carry
 * extension members; plain HTTP errors keep {@code about:blank}.
 */
public final class ProblemTypes {

    private static final String BASE = "urn:dce:analytics:problem:";

    /** 400: the body is not well-formed JSON; extension members {@code line} and {@code column}. */
    public static final URI MALFORMED_JSON = URI.create(BASE + "malformed-json");
    /** 400: the batch holds no event. */
    public static final URI EMPTY_BATCH = URI.create(BASE + "empty-batch");
    /** 400: the batch body is JSON but not an array. */
    public static final URI NOT_A_BATCH = URI.create(BASE + "not-a-batch");
    /** 413: the body exceeds {@code analytics.ingest.max-body-bytes}; extension member {@code max_bytes}. */
    public static final URI BODY_TOO_LARGE = URI.create(BASE + "body-too-large");
    /** 413: the batch exceeds {@code analytics.ingest.max-batch-events}; extension member {@code max_events}. */
    public static final URI TOO_MANY_EVENTS = URI.create(BASE + "too-many-events");
    /** 422: the event is invalid; extension member {@code errors}: [{path, message}]. */
    public static final URI INVALID_EVENT = URI.create(BASE + "invalid-event");
    /** 422: no event of the batch was valid; extension member {@code results} as in a 207 answer. */
    public static final URI INVALID_BATCH = URI.create(BASE + "invalid-batch");
    /** 503: Kafka did not acknowledge in time; {@code Retry-After} says when to retry. */
    public static final URI KAFKA_UNAVAILABLE = URI.create(BASE + "kafka-unavailable");
    /** 401: no or an unknown API key. */
    public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

    private ProblemTypes() {}
}
