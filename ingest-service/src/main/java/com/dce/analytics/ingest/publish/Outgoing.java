package com.dce.analytics.ingest.publish;

import com.dce.analytics.events.topic.Topic;

/** One record to produce, already serialised with its topic's value serde. */
public record Outgoing(String topic, String key, byte[] value) {

    public static <V> Outgoing of(Topic<String, V> topic, String key, V value) {
        return new Outgoing(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }
}
