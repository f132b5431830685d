package com.dce.analytics.events.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventBuilder;
import com.dce.analytics.events.EventContext;
import com.dce.analytics.events.catalog.EventCatalog;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiProtectorTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private final PiiProtector protector = new PiiProtector(key(7), EventCatalog.standard());

    @Test
    void shouldPseudonymisePhoneNumbersAndClientContext() {
        // given
        AnalyticsEvent event = EventBuilder.event("call.started")
                .with("seller_id", "s-1")
                .with("state", "CA")
                .with("caller_number", "+14155550100")
                .context(new EventContext("r", "s", "203.0.113.9", "curl/8", "prod", "1", Map.of()))
                .build();

        // when
        AnalyticsEvent protectedEvent = protector.protect(event);

        // then
        assertThat(protectedEvent.properties().get("caller_number").toString())
                .startsWith("pii:v1:")
                .doesNotContain("4155550100");
        assertThat(protectedEvent.properties()).containsEntry("seller_id", "s-1");
        assertThat(protectedEvent.context().ipAddress()).startsWith("pii:v1:").doesNotContain("203.0.113.9");
        assertThat(protectedEvent.context().userAgent()).startsWith("pii:v1:");
        assertThat(protectedEvent.context().requestId()).isEqualTo("r");
    }

    @Test
    void shouldKeepEqualityButDependOnTheKey() {
        PiiProtector other = new PiiProtector(key(8), EventCatalog.standard());

        assertThat(protector.pseudonym("+14155550100")).isEqualTo(protector.pseudonym("+14155550100"));
        assertThat(protector.pseudonym("+14155550100")).isNotEqualTo(protector.pseudonym("+14155550101"));
        assertThat(other.pseudonym("+14155550100")).isNotEqualTo(protector.pseudonym("+14155550100"));
        assertThat(protector.pseudonym(protector.pseudonym("x"))).isEqualTo(protector.pseudonym("x"));
    }

    @Test
    void shouldRefuseShortKeys() {
        assertThatThrownBy(() -> new PiiProtector(new byte[16], EventCatalog.standard()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
