package com.dce.analytics.metrics;

/**
 * How the windows of one base series combine, declared once per series in the {@link
 * SeriesCatalog} and applied by every reader (PostgreSQL, both Redis adapters, the query engine).
 *
 * <p>A window is kept per series key and per <em>shard</em> (the aggregator's source partition).
 * Quantities add up everywhere. Levels (gauges) do not: what a reader needs is the latest value,
 * and what "latest" means across shards depends on who measured it.
 */
public enum SeriesMerge {
    /**
     * Quantities (counts, money, durations, sketches): over time, across shards and across series
     * keys, counts, sums and sketches add up; min and max are the extremes.
     */
    ADD("adds over time, shards and series"),
    /**
     * A level that each shard measures for its own part of the population, such as the calls in
     * progress a task tracks for the calls of its partition: over time the latest value of each
     * shard, across shards the sum of those latest values, across series keys the sum.
     */
    PARTITIONED_LEVEL("latest per shard over time; shards and series add up"),
    /**
     * A level that a source reports about itself, such as a service's heartbeat, CPU or memory, or
     * a consumer group's lag: a report is a complete reading wherever it landed, so the latest
     * report of a series key wins whatever shard it is on (never summed across shards); across
     * series keys (other services, other topics) the latest values add up.
     */
    REPORTED_LEVEL("latest report per series key, whatever the shard; series keys add up");

    private final String rule;

    SeriesMerge(String rule) {
        this.rule = rule;
    }

    /** One line for the docs. */
    public String rule() {
        return rule;
    }

    public boolean level() {
        return this != ADD;
    }
}
