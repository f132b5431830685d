package com.dce.analytics.aggregator.topology;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.Measurement;
import com.dce.analytics.metrics.Series;
import com.dce.analytics.metrics.SeriesCatalog;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Decides whether an event counts. Reads the event topics; an event more than the grace period
 * behind the task's stream time is late: it goes to the late-events topic and is counted in
 * {@code pipeline_late_events}, never into a window. An {@code event_id} seen before (a client
 * retry) is counted once, in {@code pipeline_duplicates}. Everything else goes on to be measured.
 * Store: {@value AggregatorTopology#DEDUP_STORE} (event id → event time, windowed by event time).
 */
final class IntakeProcessor implements Processor<String, AnalyticsEvent, String, Object> {

    private final Duration grace;
    private ProcessorContext<String, Object> context;
    private WindowStore<String, Long> seen;

    IntakeProcessor(Duration grace) {
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seen = context.getStateStore(AggregatorTopology.DEDUP_STORE);
    }

    @Override
    public void process(Record<String, AnalyticsEvent> record) {
        AnalyticsEvent event = record.value();
        if (event == null || event.eventId() == null) {
            return;
        }
        long time = record.timestamp();
        long streamTime = context.currentStreamTimeMs();
        if (time < streamTime - grace.toMillis()) {
            context.forward(record, AggregatorTopology.LATE_SINK);
            count(Series.PIPELINE_LATE_EVENTS, event.eventType(), streamTime);
            return;
        }
        String id = event.eventId().toString();
        if (seen.fetch(id, time) != null) {
            count(Series.PIPELINE_DUPLICATES, event.eventType(), time);
            return;
        }
        seen.put(id, time, time);
        context.forward(record, AggregatorTopology.MEASURE);
    }

    private void count(String series, String eventType, long time) {
        for (Measurement m : SeriesCatalog.pipelineCount(series, eventType, time)) {
            context.forward(new Record<>(m.key().encode(), m, time), AggregatorTopology.WINDOW_AGGREGATOR);
        }
    }
}
