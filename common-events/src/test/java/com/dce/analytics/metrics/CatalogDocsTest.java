package com.dce.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.catalog.EventCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogDocsTest {

    private static final Path DOC = Path.of("..", "docs", "metrics.md");

    @Test
    void shouldKeepDocsMetricsMdInSyncWithTheCatalogs() throws IOException {
        String rendered = CatalogDocs.render(MetricCatalog.standard(), EventCatalog.standard());
        if (Boolean.getBoolean("cea.writeDocs")) {
            Files.writeString(DOC, rendered);
        }
        assertThat(Files.readString(DOC))
                .as("docs/metrics.md is stale; regenerate with -Dcea.writeDocs=true")
                .isEqualTo(rendered);
    }
}
