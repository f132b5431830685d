package com.dce.analytics.aggregator.topology;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream aggregator's topology, built as a pure function of its settings.
 *
 * <pre>
 * call/bid/financial/compliance/system.events
 *   → intake (late? → analytics.late-events; duplicate event_id? → counted once)
 *   → measure (events → series measurements; calls in progress)
 *   → window-aggregator (10s / 1m / sliding 5m / 1h windows, per series key)
 *   → metrics.aggregates (open windows every emit interval, then their final state)
 * </pre>
 *
 * Every record of a task stays in that task (no repartition): windows are kept per source
 * partition ("shard") and stores add shards together when reading. Processing guarantee, threads
 * and state directory are configuration of the running application, not of the topology.
 */
public final class AggregatorTopology {

    public static final String SOURCE = "event-source";
    public static final String INTAKE = "intake";
    public static final String MEASURE = "measure";
    public static final String WINDOW_AGGREGATOR = "window-aggregator";
    public static final String AGGREGATES_SINK = "aggregates-sink";
    public static final String LATE_SINK = "late-events-sink";
    public static final String DEDUP_STORE = "event-id-dedup-store";
    public static final String ACTIVE_CALLS_STORE = "active-calls-store";
    public static final String WINDOWS_STORE = "series-windows-store";

    private AggregatorTopology() {}

    public static Topology build(TopologySettings settings) {
        Topology topology = new Topology();
        topology.addSource(
                AutoOffsetReset.earliest(),
                SOURCE,
                new EventTimeExtractor(),
                Serdes.String().deserializer(),
                Topics.json(AnalyticsEvent.class).deserializer(),
                settings.eventTopics().toArray(String[]::new));
        topology.addProcessor(INTAKE, () -> new IntakeProcessor(settings.grace()), SOURCE);
        topology.addProcessor(
                MEASURE,
                () -> new MeasureProcessor(settings.catalog(), settings.emitInterval(), settings.maxCallDuration()),
                INTAKE);
        topology.addProcessor(
                WINDOW_AGGREGATOR,
                () -> new WindowAggregateProcessor(settings.catalog(), settings.grace(), settings.emitInterval()),
                MEASURE,
                INTAKE);
        topology.addSink(
                AGGREGATES_SINK,
                settings.aggregatesTopic(),
                Serdes.String().serializer(),
                Topics.METRIC_AGGREGATES.valueSerde().serializer(),
                WINDOW_AGGREGATOR);
        topology.addSink(
                LATE_SINK,
                settings.lateEventsTopic(),
                Serdes.String().serializer(),
                Topics.json(AnalyticsEvent.class).serializer(),
                INTAKE);
        topology.addStateStore(
                Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                DEDUP_STORE, settings.dedupRetention(), java.time.Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.Long()),
                INTAKE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(ACTIVE_CALLS_STORE), Serdes.String(), Serdes.String())
                        .withCachingEnabled(),
                MEASURE);
        topology.addStateStore(new WindowAggregateStoreBuilder(WINDOWS_STORE), WINDOW_AGGREGATOR);
        return topology;
    }
}
