package com.dce.analytics.events.topic;

import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic described once: its name and the serdes of its keys and values. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
