package com.dce.analytics.ingest.system;

import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.pii.PiiProtector;
import com.dce.analytics.events.validation.EventValidator;
import com.dce.analytics.events.validation.ValidationPolicy;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event catalog, validator and PII protector of common-events, wired from configuration. */
@Configuration(proxyBeanMethods = false)
class EventProcessingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.standard();
    }

    @Bean
    EventValidator eventValidator(EventCatalog catalog, IngestProperties properties, Clock clock) {
        ValidationPolicy defaults = ValidationPolicy.defaults();
        ValidationPolicy policy = new ValidationPolicy(
                properties.validation().maxFutureSkew(),
                properties.validation().maxAge(),
                defaults.maxProperties(),
                defaults.maxStringLength());
        return new EventValidator(catalog, policy, clock);
    }

    @Bean
    PiiProtector piiProtector(PiiProperties pii, EventCatalog catalog) {
        return PiiProtector.fromBase64(pii.key(), catalog);
    }
}
