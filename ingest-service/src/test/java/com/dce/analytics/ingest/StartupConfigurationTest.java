package com.dce.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** The service refuses to start without the secrets it must not run without. */
class StartupConfigurationTest {

    private static final String TEST_PII_KEY = "dGVzdC1vbmx5LXBpaS1rZXktZm9yLWluZ2VzdC10ZXM=";

    private static SpringApplicationBuilder application(String... properties) {
        return new SpringApplicationBuilder(IngestApplication.class)
                .properties(
                        "spring.config.name=no-application-properties",
                        "server.port=0",
                        "analytics.kafka.bootstrap-servers=127.0.0.1:1",
                        "analytics.ingest.topics.create=false",
                        "spring.main.banner-mode=off")
                .properties(properties);
    }

    @Test
    void shouldRefuseToStartWithoutPiiKey() {
        assertThatThrownBy(() -> application(
                                "analytics.ingest.api-keys[0].name=t",
                                "analytics.ingest.api-keys[0].sha256=" + "a".repeat(64))
                        .run()
                        .close())
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
                                NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .startsWith("analytics.pii.key is not set"));
    }

    @Test
    void shouldRefuseToStartWithoutApiKeys() {
        assertThatThrownBy(() ->
                        application("analytics.pii.key=" + TEST_PII_KEY).run().close())
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
                                NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .startsWith("No API key is configured"));
    }
}
