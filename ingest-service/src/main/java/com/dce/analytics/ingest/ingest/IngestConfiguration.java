package com.dce.analytics.ingest.ingest;

import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.pii.PiiProtector;
import com.dce.analytics.events.validation.EventValidator;
import com.dce.analytics.ingest.publish.EventPublisher;
import com.dce.analytics.ingest.system.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the ingest pipeline: parsing, validation and PII protection, publishing, metrics. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    IngestLimits ingestLimits(IngestProperties properties) {
        return new IngestLimits(
                properties.maxBatchEvents(), properties.maxBodyBytes().toBytes());
    }

    @Bean
    BatchParser batchParser(IngestLimits limits) {
        return new BatchParser(limits.maxBatchEvents());
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry meters) {
        return new IngestMetrics(meters);
    }

    @Bean
    EventIngestor eventIngestor(
            EventValidator validator,
            PiiProtector protector,
            EventCatalog catalog,
            EventPublisher publisher,
            IngestMetrics metrics,
            Clock clock) {
        return new EventIngestor(
                validator, protector, new DeadLetterPayloads(protector, catalog), publisher, metrics, clock);
    }
}
