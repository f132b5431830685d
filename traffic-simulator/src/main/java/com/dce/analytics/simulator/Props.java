package com.dce.analytics.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an event's properties in a stable order (so JSON output is reproducible), skipping nulls. */
final class Props {

    private final Map<String, Object> values = new LinkedHashMap<>(16);

    static Props with(String name, Object value) {
        return new Props().and(name, value);
    }

    Props and(String name, Object value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    Map<String, Object> build() {
        return Collections.unmodifiableMap(values);
    }
}
