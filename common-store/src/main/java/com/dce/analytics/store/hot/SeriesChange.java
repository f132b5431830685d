package com.dce.analytics.store.hot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A notice on the changes channel: a window of a series has a new state. */
public record SeriesChange(
        @JsonProperty("series") String series,
        @JsonProperty("window") String window,
        @JsonProperty("window_start") long windowStart,
        @JsonProperty("closed") boolean closed) {}
