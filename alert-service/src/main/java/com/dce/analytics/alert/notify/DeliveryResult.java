package com.dce.analytics.alert.notify;

import java.time.Duration;

/**
 * How one delivery attempt ended: delivered, failed but worth retrying (network error, 5xx, 429 with
 * its Retry-After), or failed for good (the receiver refuses the request, or is not configured).
 */
public record DeliveryResult(Outcome outcome, Integer statusCode, String error, Duration retryAfter) {

    public enum Outcome {
        DELIVERED,
        RETRY,
        PERMANENT
    }

    public static DeliveryResult delivered(int statusCode) {
        return new DeliveryResult(Outcome.DELIVERED, statusCode, null, null);
    }

    public static DeliveryResult retry(Integer statusCode, String error, Duration retryAfter) {
        return new DeliveryResult(Outcome.RETRY, statusCode, error, retryAfter);
    }

    public static DeliveryResult permanent(Integer statusCode, String error) {
        return new DeliveryResult(Outcome.PERMANENT, statusCode, error, null);
    }

    /** The usual reading of an HTTP status: 2xx delivered, 408/429/5xx worth a retry, other 4xx not. */
    public static DeliveryResult ofHttp(int status, String body, Duration retryAfter) {
        if (status >= 200 && status < 300) {
            return delivered(status);
        }
        String error = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        if (status == 408 || status == 429 || status >= 500) {
            return retry(status, error, retryAfter);
        }
        return permanent(status, error);
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
