package com.dce.analytics.events;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of events: decimals stay {@link java.math.BigDecimal} (money is never a
 * double), integers are longs, times are RFC 3339 strings.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private EventJson() {}

    /** The shared mapper; Jackson mappers are immutable and thread-safe. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
