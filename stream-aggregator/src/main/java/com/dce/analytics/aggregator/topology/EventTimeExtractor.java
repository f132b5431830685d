package com.dce.analytics.aggregator.topology;

import com.dce.analytics.events.AnalyticsEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Windows follow {@code event_time}, not the time Kafka received the record. */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof AnalyticsEvent event && event.eventTime() != null) {
            return event.eventTime().toEpochMilli();
        }
        return record.timestamp();
    }
}
