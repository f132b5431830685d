package com.dce.analytics.ingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PiiPropertiesTest {

    @Test
    void shouldRefuseMissingKeyWithAClearMessage() {
        assertThatThrownBy(() -> new PiiProperties(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("analytics.pii.key is not set");
        assertThatThrownBy(() -> new PiiProperties("  ")).hasMessageStartingWith("analytics.pii.key is not set");
    }

    @Test
    void shouldRefuseShortOrGarbledKeys() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new PiiProperties(sixteenBytes))
                .hasMessage("analytics.pii.key must decode to at least 32 bytes, got 16");
        assertThatThrownBy(() -> new PiiProperties("not base64!")).hasMessageContaining("not valid base64");
    }

    @Test
    void shouldAcceptLongKeyAndNeverPrintIt() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(new PiiProperties(key).toString()).doesNotContain(key);
    }
}
