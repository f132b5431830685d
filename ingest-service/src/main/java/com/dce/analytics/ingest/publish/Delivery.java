package com.dce.analytics.ingest.publish;

/** What became of one {@link Outgoing} record. */
public sealed interface Delivery {

    /** Kafka acknowledged the record (with {@code acks=all}: every in-sync replica has it). */
    record Acknowledged(String topic, int partition, long offset) implements Delivery {}

    /**
     * The record is not known to be stored. {@code retryable}: sending it again later may succeed
     * (Kafka unreachable or slow); a retry may duplicate it, which consumers absorb by event id.
     */
    record NotDelivered(String reason, boolean retryable) implements Delivery {}
}
