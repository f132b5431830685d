package com.dce.analytics.ingest.ingest;

import com.dce.analytics.events.validation.Violation;
import tools.jackson.databind.JsonNode;

/**
 * One event as it arrived, before validation.
 *
 * @param index position among the request's events (0-based; blank NDJSON lines do not count)
 * @param line 1-based line of an NDJSON item, null for JSON bodies
 * @param path JSONPath of the item, e.g. {@code $[3]} (or {@code $} for a single event)
 * @param node the parsed JSON, or null when the item is not well-formed JSON
 * @param raw the item's text as sent
 * @param parseError why the item is not well-formed JSON, or null
 */
record RawItem(int index, Integer line, String path, JsonNode node, String raw, Violation parseError) {

    static RawItem parsed(int index, Integer line, String path, JsonNode node, String raw) {
        return new RawItem(index, line, path, node, raw, null);
    }

    static RawItem malformed(int index, int line, String path, String raw, String message) {
        return new RawItem(index, line, path, null, raw, new Violation(path, message));
    }
}
