package com.dce.analytics.events.validation;

/** One problem of an event: where it is (a JSONPath such as {@code $[2].properties.score}) and what is wrong. */
public record Violation(String path, String message) {}
