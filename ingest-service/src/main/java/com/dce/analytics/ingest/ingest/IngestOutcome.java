package com.dce.analytics.ingest.ingest;

import com.dce.analytics.ingest.ingest.ItemOutcome.Status;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of every event of a request, in request order, and when to retry the failed ones.
 */
record IngestOutcome(List<ItemOutcome> items, Duration retryAfter) {

    IngestOutcome {
        items = List.copyOf(items);
    }

    long count(Status status) {
        return items.stream().filter(i -> i.status() == status).count();
    }

    boolean anyRetryableFailure() {
        return items.stream().anyMatch(i -> i.status() == Status.FAILED && i.retryable());
    }
}
