package com.dce.analytics.report.content;

import java.util.List;
import java.util.function.Supplier;

/**
 * One step of building a report: a few engine queries that yield one or more sections. Parts run
 * in parallel; a {@code last} part runs after all others (it may use what they read).
 */
record Part(String name, Supplier<List<Section>> build, boolean last) {

    Part(String name, Supplier<List<Section>> build) {
        this(name, build, false);
    }
}
