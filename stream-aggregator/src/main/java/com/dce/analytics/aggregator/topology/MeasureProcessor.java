package com.dce.analytics.aggregator.topology;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.Measurement;
import com.dce.analytics.metrics.Series;
import com.dce.analytics.metrics.SeriesCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns a counted event into the measurements of the series catalog, and keeps the calls in
 * progress of this task (store {@value AggregatorTopology#ACTIVE_CALLS_STORE}: call id →
 * state and start) to report the {@code concurrent_calls} gauge per state whenever it changes
 * and once per emit interval. Calls that never complete stop counting after the longest call.
 */
final class MeasureProcessor implements Processor<String, AnalyticsEvent, String, Measurement> {

    private final SeriesCatalog catalog;
    private final Duration emitInterval;
    private final Duration maxCallDuration;
    private final Map<String, Long> activeByState = new HashMap<>();
    private final Set<String> changedStates = new HashSet<>();
    private ProcessorContext<String, Measurement> context;
    private KeyValueStore<String, String> activeCalls;

    MeasureProcessor(SeriesCatalog catalog, Duration emitInterval, Duration maxCallDuration) {
        this.catalog = catalog;
        this.emitInterval = emitInterval;
        this.maxCallDuration = maxCallDuration;
    }

    @Override
    public void init(ProcessorContext<String, Measurement> context) {
        this.context = context;
        this.activeCalls = context.getStateStore(AggregatorTopology.ACTIVE_CALLS_STORE);
        try (KeyValueIterator<String, String> all = activeCalls.all()) {
            all.forEachRemaining(kv -> activeByState.merge(stateOf(kv.value), 1L, Long::sum));
        }
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitGauges());
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, now -> expireStaleCalls());
    }

    @Override
    public void process(Record<String, AnalyticsEvent> record) {
        AnalyticsEvent event = record.value();
        long time = record.timestamp();
        for (Measurement m : catalog.measure(event)) {
            forward(m);
        }
        for (Measurement m : SeriesCatalog.pipelineCount(Series.PIPELINE_EVENTS, event.eventType(), time)) {
            forward(m);
        }
        switch (event.eventType()) {
            case "call.started" -> callStarted(event, time);
            case "call.completed" -> callEnded(event.entityId(), time);
            default -> {
                // other events do not change the calls in progress
            }
        }
    }

    private void callStarted(AnalyticsEvent event, long time) {
        if (activeCalls.get(event.entityId()) != null) {
            return;
        }
        String state = event.stringOr("state", SeriesCatalog.NONE);
        activeCalls.put(event.entityId(), state + "|" + time);
        long now = activeByState.merge(state, 1L, Long::sum);
        forward(SeriesCatalog.concurrentCalls(state, now, time));
    }

    private void callEnded(String callId, long time) {
        String entry = activeCalls.delete(callId);
        if (entry == null) {
            return;
        }
        String state = stateOf(entry);
        long now = activeByState.merge(state, -1L, Long::sum);
        forward(SeriesCatalog.concurrentCalls(state, now, time));
    }

    private void emitGauges() {
        long streamTime = context.currentStreamTimeMs();
        if (streamTime < 0) {
            return;
        }
        for (Map.Entry<String, Long> e : activeByState.entrySet()) {
            if (e.getValue() > 0 || changedStates.remove(e.getKey())) {
                forward(SeriesCatalog.concurrentCalls(e.getKey(), e.getValue(), streamTime));
            }
        }
    }

    private void expireStaleCalls() {
        long cutoff = context.currentStreamTimeMs() - maxCallDuration.toMillis();
        List<KeyValue<String, String>> stale = new ArrayList<>();
        try (KeyValueIterator<String, String> all = activeCalls.all()) {
            all.forEachRemaining(kv -> {
                if (startOf(kv.value) < cutoff) {
                    stale.add(kv);
                }
            });
        }
        for (KeyValue<String, String> kv : stale) {
            activeCalls.delete(kv.key);
            String state = stateOf(kv.value);
            activeByState.merge(state, -1L, Long::sum);
            changedStates.add(state);
        }
    }

    private void forward(Measurement m) {
        context.forward(new Record<>(m.key().encode(), m, m.timestampMillis()));
    }

    private static String stateOf(String entry) {
        return entry.substring(0, entry.indexOf('|'));
    }

    private static long startOf(String entry) {
        return Long.parseLong(entry.substring(entry.indexOf('|') + 1));
    }
}
