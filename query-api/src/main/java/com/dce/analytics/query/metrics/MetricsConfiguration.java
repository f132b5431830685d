package com.dce.analytics.query.metrics;

import com.dce.analytics.query.system.MetricEngines;
import com.dce.analytics.query.system.QueryApiProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The coalescing, caching front of the metric engine that every reader of query-api shares. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    QueryService queryService(MetricEngines engines, Clock clock, QueryApiProperties properties) {
        return new QueryService(
                engines.series(),
                engines.singleBucket(),
                clock,
                properties.query().cacheTtl(),
                properties.query().cacheMaxEntries());
    }

    @Bean
    Aggregations aggregations(QueryService queries) {
        return new Aggregations(queries);
    }
}
