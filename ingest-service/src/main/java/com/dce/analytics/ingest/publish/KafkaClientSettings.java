package com.dce.analytics.ingest.publish;

import com.dce.analytics.ingest.system.IngestProperties;
import com.dce.analytics.ingest.system.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Kafka client configuration: Spring Boot's {@code spring.kafka.*} settings, the platform's
 * bootstrap servers, throughput defaults that configuration may change, and reliability settings
 * that it may not (acks=all, idempotence, and timeouts derived from the ingest Kafka timeout).
 */
final class KafkaClientSettings {

    static final int DEFAULT_LINGER_MS = 5;
    static final int DEFAULT_BATCH_SIZE = 256 * 1024;
    static final long DEFAULT_BUFFER_MEMORY = 64L * 1024 * 1024;

    private final KafkaProperties boot;
    private final KafkaSettings platform;
    private final Duration timeout;

    KafkaClientSettings(KafkaProperties boot, KafkaSettings platform, IngestProperties ingest) {
        this.boot = boot;
        this.platform = platform;
        this.timeout = ingest.kafkaTimeout();
    }

    Map<String, Object> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_MEMORY);
        config.putAll(boot.buildProducerProperties());
        overrideBootstrap(config);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);

        // success is reported to callers only for records every in-sync replica has, exactly once
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // a request never waits much longer than the timeout: metadata/buffer waits, then the delivery itself
        long total = timeout.toMillis();
        long linger = Math.min(number(config.get(ProducerConfig.LINGER_MS_CONFIG)), total / 4);
        long request = Math.max(50, (total - linger) / 2);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, total);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(total, linger + request));
        return config;
    }

    Map<String, Object> admin(Duration adminTimeout, String clientIdSuffix) {
        Map<String, Object> config = new HashMap<>(boot.buildAdminProperties());
        overrideBootstrap(config);
        int millis = (int) adminTimeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        Object clientId = config.get(AdminClientConfig.CLIENT_ID_CONFIG);
        if (clientId != null) {
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-" + clientIdSuffix);
        }
        return config;
    }

    Duration timeout() {
        return timeout;
    }

    private void overrideBootstrap(Map<String, Object> config) {
        if (!platform.bootstrapServers().isEmpty()) {
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", platform.bootstrapServers()));
        }
    }

    private static long number(Object value) {
        return value instanceof Number n
                ? n.longValue()
                : Long.parseLong(String.valueOf(value).trim());
    }
}
