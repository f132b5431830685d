package com.dce.analytics.aggregator.sink;

import com.dce.analytics.aggregator.system.StreamsLifecycle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Healthy when Kafka Streams runs and every sink's thread runs and its last poll or write succeeded. */
@Component("pipeline")
class PipelineHealthIndicator implements HealthIndicator {

    private final StreamsLifecycle streams;
    private final List<BatchSink<?>> sinks;

    PipelineHealthIndicator(StreamsLifecycle streams, List<BatchSink<?>> sinks) {
        this.streams = streams;
        this.sinks = sinks;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new TreeMap<>();
        details.put("streams", streams.state().name());
        boolean up = streams.state().isRunningOrRebalancing();
        for (BatchSink<?> sink : sinks) {
            BatchSink.Status s = sink.status();
            details.put(
                    "sink." + s.name(),
                    Map.of(
                            "healthy", s.healthy(),
                            "running", sink.isAlive(),
                            "deadLettered", sink.deadLettered(),
                            "written", s.written(),
                            "lastSuccess", String.valueOf(s.lastSuccess()),
                            "lastError", String.valueOf(s.lastError())));
            up &= s.healthy() && sink.isAlive();
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
