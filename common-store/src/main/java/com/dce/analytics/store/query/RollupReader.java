package com.dce.analytics.store.query;

import java.util.List;

/** Reads window aggregates of base series; implemented by PostgreSQL and by both Redis adapters. */
public interface RollupReader {

    /** Rows ordered by bucket; buckets without data are absent. */
    List<AggregateRow> read(RollupQuery query);
}
