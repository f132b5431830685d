package com.dce.analytics.report.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shared infrastructure ({@code analytics.*}): the Redis hot tier. Reports read history from
 * PostgreSQL, which holds every window; with a Redis URL the recent hours come from the hot tier
 * as for query-api, with a blank one history answers alone.
 */
@ConfigurationProperties("analytics")
public record PlatformProperties(@DefaultValue Redis redis) {

    public record Redis(
            @DefaultValue("redis://localhost:6379") String url) {}
}
