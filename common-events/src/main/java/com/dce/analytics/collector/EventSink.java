package com.dce.analytics.collector;

import com.dce.analytics.events.AnalyticsEvent;
import java.util.List;

/** Where a collector's batches go: ingest-service over HTTP, or Kafka directly. */
public interface EventSink extends AutoCloseable {

    /**
     * Publishes the batch; returns normally only when every event was accepted. Throws
     * {@link PublishException} with {@code retryable} set when trying again may succeed.
     */
    void publish(List<AnalyticsEvent> batch) throws PublishException;

    @Override
    default void close() {}

    /** A failed publication, and whether the collector should retry it. */
    final class PublishException extends Exception {
        private final boolean retryable;

        public PublishException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
