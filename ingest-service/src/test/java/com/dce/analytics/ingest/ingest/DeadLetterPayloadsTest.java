package com.dce.analytics.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.pii.PiiProtector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLetterPayloadsTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 3);
    }

    private final PiiProtector protector = new PiiProtector(KEY, EventCatalog.standard());
    private final DeadLetterPayloads payloads = new DeadLetterPayloads(protector, EventCatalog.standard());

    private static RawItem parsed(String raw) {
        return RawItem.parsed(0, null, "$", EventJson.mapper().readTree(raw), raw);
    }

    @Test
    void shouldKeepRawTextOfRefusedEventWithoutPersonalData() {
        String raw = "{ \"event_type\": \"call.teleported\", \"properties\": {\"seller_id\": \"s-1\"} }";

        assertThat(payloads.payload(parsed(raw))).isEqualTo(raw);
    }

    @Test
    void shouldPseudonymisePersonalFieldsOfRefusedEvent() {
        // given
        String raw = """
                {"event_type":"call.teleported","event_id":"x",
                 "properties":{"caller_number":"+14155550100","seller_id":"s-1"},
                 "context":{"ip_address":"203.0.113.9","user_agent":"curl/8","request_id":"r-1"}}""";

        // when
        String payload = payloads.payload(parsed(raw));

        // then
        assertThat(payload)
                .doesNotContain("4155550100", "203.0.113.9", "curl/8")
                .contains(protector.pseudonym("+14155550100"), protector.pseudonym("203.0.113.9"))
                .contains("\"seller_id\":\"s-1\"", "\"request_id\":\"r-1\"", "\"event_id\":\"x\"");
    }

    @Test
    void shouldPseudonymisePhoneNumbersAndAddressesInMalformedLines() {
        // given
        String raw = "{\"event_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"event_time\":\"2026-11-25T10:15:30Z\","
                + "\"caller\":\"+1 (415) 555-0100\", \"ip\":\"198.51.100.7\", oops";
        RawItem item = RawItem.malformed(0, 1, "$[0]", raw, "line 1: not well-formed JSON");

        // when
        String payload = payloads.payload(item);

        // then
        assertThat(payload)
                .doesNotContain("555-0100", "198.51.100.7")
                .contains("550e8400-e29b-41d4-a716-446655440000", "2026-11-25T10:15:30Z", "pii:v1:", "oops");
    }
}
