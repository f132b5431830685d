package com.dce.analytics.alert.support;

import com.dce.analytics.alert.system.AlertServiceProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link AlertServiceProperties} as Spring would bind them, for tests without a context. */
public final class TestProperties {

    private TestProperties() {}

    public static AlertServiceProperties of(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("analytics", AlertServiceProperties.class);
    }

    public static AlertServiceProperties defaults() {
        return of(Map.of(
                "analytics.alert.parameters[daily_target]", "250000",
                "analytics.console.base-url", "https://console.example/console/"));
    }
}
