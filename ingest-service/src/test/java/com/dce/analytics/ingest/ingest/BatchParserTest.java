package com.dce.analytics.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.events.validation.Violation;
import com.dce.analytics.ingest.system.ProblemTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class BatchParserTest {

    private final BatchParser parser = new BatchParser(3);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSplitJsonArrayIntoItemsKeepingEachItemsRawText() {
        // given
        String body = """
                [ {"event_type": "call.started"},
                  {"event_type":"bid.placed", "properties": {"bid_amount": 1.50}},
                  42 ]""";

        // when
        List<RawItem> items = parser.jsonArray(bytes(body));

        // then
        assertThat(items).extracting(RawItem::index).containsExactly(0, 1, 2);
        assertThat(items).extracting(RawItem::path).containsExactly("$[0]", "$[1]", "$[2]");
        assertThat(items)
                .extracting(RawItem::raw)
                .containsExactly(
                        "{\"event_type\": \"call.started\"}",
                        "{\"event_type\":\"bid.placed\", \"properties\": {\"bid_amount\": 1.50}}",
                        "42");
        assertThat(items.get(1).node().get("properties").get("bid_amount").decimalValue())
                .isEqualByComparingTo("1.50");
        assertThat(items).allSatisfy(item -> assertThat(item.line()).isNull());
    }

    @Test
    void shouldRefuseMalformedJsonArrayNamingLineAndColumn() {
        // given
        String body = "[\n  {\"event_type\": \"call.started\"},\n  {\"event_type\" \"bid.placed\"}\n]";

        // when / then
        assertThatThrownBy(() -> parser.jsonArray(bytes(body)))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getBody().getType()).isEqualTo(ProblemTypes.MALFORMED_JSON);
                    assertThat(e.getBody().getProperties())
                            .containsEntry("line", 3)
                            .containsEntry("column", 17);
                    assertThat(e.getBody().getDetail())
                            .startsWith("The body is not well-formed JSON at line 3, column 17: ");
                });
    }

    @Test
    void shouldRefuseDuplicateFieldsAsMalformed() {
        assertThatThrownBy(() -> parser.single(bytes("{\"event_type\":\"a\",\"event_type\":\"b\"}")))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getDetail()).contains("Duplicate"));
    }

    @Test
    void shouldRefuseContentAfterTheJsonValue() {
        assertThatThrownBy(() -> parser.single(bytes("{\"a\":1}\n{\"b\":2}")))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getBody().getType()).isEqualTo(ProblemTypes.MALFORMED_JSON);
                    assertThat(e.getBody().getProperties()).containsEntry("line", 2);
                });
        assertThatThrownBy(() -> parser.jsonArray(bytes("[{}] []")))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getType()).isEqualTo(ProblemTypes.MALFORMED_JSON));
    }

    @Test
    void shouldRefuseEmptyBatchesAndBodies() {
        assertThatThrownBy(() -> parser.jsonArray(bytes(" [ ] ")))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getType()).isEqualTo(ProblemTypes.EMPTY_BATCH));
        assertThatThrownBy(() -> parser.ndjson(bytes("\n \r\n\n")))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getType()).isEqualTo(ProblemTypes.EMPTY_BATCH));
        assertThatThrownBy(() -> parser.single(bytes("   ")))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void shouldRefuseJsonBatchThatIsNotAnArray() {
        assertThatThrownBy(() -> parser.jsonArray(bytes("{\"event_type\":\"call.started\"}")))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getType()).isEqualTo(ProblemTypes.NOT_A_BATCH));
    }

    @Test
    void shouldRefuseMoreEventsThanTheLimitInEitherFormat() {
        assertThatThrownBy(() -> parser.jsonArray(bytes("[{},{},{},{}]")))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(e.getBody().getProperties()).containsEntry("max_events", 3);
                });
        assertThatThrownBy(() -> parser.ndjson(bytes("{}\n{}\n\n{}\n{}\n")))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getType()).isEqualTo(ProblemTypes.TOO_MANY_EVENTS));
        assertThat(parser.jsonArray(bytes("[{},{},{}]"))).hasSize(3);
    }

    @Test
    void shouldReadNdjsonLineByLineIgnoringBlankLinesAndIsolatingMalformedOnes() {
        // given
        String body = "{\"event_type\":\"call.started\"}\r\n\n   \n{\"event_type\": oops}\n{\"n\":2}";

        // when
        List<RawItem> items = parser.ndjson(bytes(body));

        // then
        assertThat(items).extracting(RawItem::index).containsExactly(0, 1, 2);
        assertThat(items).extracting(RawItem::line).containsExactly(1, 4, 5);
        assertThat(items).extracting(RawItem::path).containsExactly("$[0]", "$[1]", "$[2]");
        assertThat(items.get(0).raw()).isEqualTo("{\"event_type\":\"call.started\"}");
        assertThat(items.get(0).parseError()).isNull();
        RawItem malformed = items.get(1);
        assertThat(malformed.node()).isNull();
        assertThat(malformed.raw()).isEqualTo("{\"event_type\": oops}");
        assertThat(malformed.parseError().path()).isEqualTo("$[1]");
        assertThat(malformed.parseError().message()).startsWith("line 4, column 16: not well-formed JSON: ");
        assertThat(items.get(2).node().get("n").asLong()).isEqualTo(2);
    }

    @Test
    void shouldRefuseNdjsonLineHoldingTwoValues() {
        List<RawItem> items = parser.ndjson(bytes("{\"a\":1} {\"b\":2}"));

        assertThat(items)
                .extracting(RawItem::parseError)
                .containsExactly(new Violation(
                        "$[0]",
                        "line 1, column 9: not well-formed JSON: unexpected content after the end of the JSON value"));
    }

    @Test
    void shouldParseSingleEventAtRootPath() {
        RawItem item = parser.single(bytes("{\"event_type\":\"call.started\"}"));

        assertThat(item.path()).isEqualTo("$");
        assertThat(item.index()).isZero();
        assertThat(item.node().get("event_type").stringValue()).isEqualTo("call.started");
    }
}
