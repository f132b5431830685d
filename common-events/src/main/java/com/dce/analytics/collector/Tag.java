package com.dce.analytics.collector;

/** A name/value pair qualifying a recorded figure, as in the spec's {@code tags ...Tag}. */
public record Tag(String key, String value) {

    public static Tag of(String key, String value) {
        return new Tag(key, value);
    }
}
