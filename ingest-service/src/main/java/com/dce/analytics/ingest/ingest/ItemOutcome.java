package com.dce.analytics.ingest.ingest;

import com.dce.analytics.events.validation.Violation;
import java.util.List;
import java.util.UUID;

/**
 * What became of one event of a request.
 *
 * @param family the event's family in lower case ({@code call}, …) or {@code unknown}; a metric tag
 * @param errors why the event was rejected or failed, with JSON paths
 * @param retryable for a failed event: whether sending it again may succeed
 */
record ItemOutcome(
        int index,
        Integer line,
        Status status,
        UUID eventId,
        String family,
        String topic,
        Integer partition,
        Long offset,
        List<Violation> errors,
        boolean retryable) {

    enum Status {
        ACCEPTED,
        REJECTED,
        FAILED
    }

    ItemOutcome {
        errors = List.copyOf(errors);
    }

    static ItemOutcome accepted(RawItem item, UUID eventId, String family, String topic, int partition, long offset) {
        return new ItemOutcome(
                item.index(),
                item.line(),
                Status.ACCEPTED,
                eventId,
                family,
                topic,
                partition,
                offset,
                List.of(),
                false);
    }

    static ItemOutcome rejected(RawItem item, String family, List<Violation> errors) {
        return new ItemOutcome(
                item.index(), item.line(), Status.REJECTED, null, family, null, null, null, errors, false);
    }

    static ItemOutcome failed(RawItem item, UUID eventId, String family, String reason, boolean retryable) {
        return new ItemOutcome(
                item.index(),
                item.line(),
                Status.FAILED,
                eventId,
                family,
                null,
                null,
                null,
                List.of(new Violation(item.path(), reason)),
                retryable);
    }
}
