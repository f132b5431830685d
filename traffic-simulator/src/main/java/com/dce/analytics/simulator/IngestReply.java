package com.dce.analytics.simulator;

import com.dce.analytics.events.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What ingest-service said about a batch: {@code accepted}, {@code rejected} and {@code failed}
 * counts (in 200/207 bodies and in 422/503/500 problem bodies alike) and, from {@code results},
 * the positions of the events that failed but may be retried (Kafka was unavailable).
 */
record IngestReply(long accepted, long rejected, long failed, Optional<List<Integer>> retryableIndexes) {

    /** The reply in a response body, or empty when the body holds no counts (not JSON, a proxy's page…). */
    static Optional<IngestReply> parse(byte[] body) {
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(body);
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !(number(node, "accepted") || number(node, "rejected"))) {
            return Optional.empty();
        }
        return Optional.of(new IngestReply(
                node.path("accepted").asLong(0),
                node.path("rejected").asLong(0),
                node.path("failed").asLong(0),
                retryable(node.get("results"))));
    }

    private static boolean number(JsonNode node, String field) {
        return node.has(field) && node.get(field).isNumber();
    }

    private static Optional<List<Integer>> retryable(JsonNode results) {
        if (results == null || !results.isArray()) {
            return Optional.empty();
        }
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode result : results) {
            if ("failed".equals(result.path("status").asString(""))
                    && result.path("retryable").asBoolean(false)
                    && result.path("index").isIntegralNumber()) {
                indexes.add(result.get("index").intValue());
            }
        }
        return Optional.of(indexes);
    }
}
