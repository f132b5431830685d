package com.dce.analytics.store.hot;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.store.hot.TimeSeriesHotStore.Field;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.timeseries.TSMRangeElements;
import redis.clients.jedis.timeseries.TimeSeriesBuilderFactory;
import redis.clients.jedis.util.KeyValue;

/**
 * The TS.MRANGE … GROUPBY replies as the command reference documents them (RESP2: an array of
 * [name, labels, [[integer timestamp, simple-string value]…]]; RESP3: a map of name to [labels,
 * {reducers}, {sources}, [[integer, double]…]]), decoded by the Jedis builders the client uses, then
 * joined by the adapter.
 */
class TimeSeriesReplyMappingTest {

    private static final Instant BASE = Instant.parse("2026-12-02T10:00:00Z");
    private static final long T0 = BASE.toEpochMilli();
    private static final long T1 = T0 + 60_000;

    private static RollupQuery query(String series, List<String> groupBy) {
        return new RollupQuery(
                series,
                List.of("buyer_id", "state"),
                "1m",
                BASE,
                BASE.plus(Duration.ofMinutes(10)),
                Duration.ofMinutes(1),
                BASE,
                Map.of(),
                groupBy,
                false);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One RESP2 grouped series without WITHLABELS: the labels array is empty. */
    private static List<Object> resp2Series(String name, Object[]... samples) {
        List<Object> rows = new ArrayList<>();
        for (Object[] s : samples) {
            rows.add(List.of(s[0], b(s[1].toString())));
        }
        return List.of(b(name), List.of(), rows);
    }

    private static Map<String, TSMRangeElements> resp2(List<Object>... series) {
        return TimeSeriesBuilderFactory.TIMESERIES_MRANGE_RESPONSE.build(List.of(series));
    }

    private static KeyValue<Object, Object> resp3Series(String name, String reducer, Object[]... samples) {
        List<Object> rows = new ArrayList<>();
        for (Object[] s : samples) {
            rows.add(List.of(s[0], ((Number) s[1]).doubleValue()));
        }
        List<Object> value = List.of(
                List.of(),
                List.of(KeyValue.of(b("reducers"), List.of(b(reducer)))),
                List.of(KeyValue.of(b("sources"), List.of(b("k1"), b("k2")))),
                rows);
        return KeyValue.of(b(name), value);
    }

    private static Map<String, TSMRangeElements> resp3(KeyValue<Object, Object>... series) {
        return TimeSeriesBuilderFactory.TIMESERIES_MRANGE_RESPONSE_RESP3.build(List.of(series));
    }

    private static Object[] s(long ts, Object value) {
        return new Object[] {ts, value};
    }

    @Test
    void shouldJoinTheFieldsOfATotalIntoOneRowPerBucketWithAnEmptyGroup() {
        String g = "_cea=";
        RollupQuery q = query("revenue", List.of());
        Map<Field, Map<String, TSMRangeElements>> replies = new EnumMap<>(Field.class);
        // 2079.3994 stored in units of 10^-4; the server prints whole doubles without a fraction
        replies.put(Field.COUNT, resp2(resp2Series(g + "count:revenue:1m:buyer_id%2Cstate", s(T0, "9"), s(T1, "2"))));
        replies.put(
                Field.SUM, resp2(resp2Series(g + "sum:revenue:1m:buyer_id%2Cstate", s(T0, "20793994"), s(T1, "5"))));
        replies.put(Field.MIN, resp2(resp2Series(g + "min:revenue:1m:buyer_id%2Cstate", s(T0, "1.5"), s(T1, "0.25"))));
        replies.put(Field.MAX, resp2(resp2Series(g + "max:revenue:1m:buyer_id%2Cstate", s(T0, "300"), s(T1, "0.25"))));
        replies.put(Field.OPEN, resp2(resp2Series(g + "open:revenue:1m:buyer_id%2Cstate", s(T0, "0"), s(T1, "1"))));

        List<AggregateRow> rows = TimeSeriesHotStore.toRows(q, replies);

        assertThat(rows).hasSize(2);
        AggregateRow first = rows.get(0);
        assertThat(first.bucket()).isEqualTo(BASE);
        assertThat(first.group()).isEmpty();
        assertThat(first.aggregate().count()).isEqualTo(9);
        assertThat(first.aggregate().sum()).isEqualByComparingTo(new BigDecimal("2079.3994"));
        assertThat(first.aggregate().min()).isEqualTo(1.5);
        assertThat(first.aggregate().max()).isEqualTo(300);
        assertThat(first.closed()).isTrue();
        AggregateRow second = rows.get(1);
        assertThat(second.bucket()).isEqualTo(Instant.ofEpochMilli(T1));
        assertThat(second.aggregate().sum()).isEqualByComparingTo(new BigDecimal("0.0005"));
        assertThat(second.closed()).isFalse();
    }

    @Test
    void shouldMapEachGroupOfADimensionToItsOwnRowWithTheDimensionValue() {
        RollupQuery q = query("calls", List.of("state"));
        Map<Field, Map<String, TSMRangeElements>> replies = new EnumMap<>(Field.class);
        replies.put(Field.COUNT, resp2(resp2Series("state=CA", s(T0, "8")), resp2Series("state=NY", s(T0, "11"))));
        replies.put(Field.SUM, resp2(resp2Series("state=CA", s(T0, "8")), resp2Series("state=NY", s(T0, "11"))));
        replies.put(Field.MIN, resp2(resp2Series("state=CA", s(T0, "1")), resp2Series("state=NY", s(T0, "1"))));
        replies.put(Field.MAX, resp2(resp2Series("state=CA", s(T0, "1")), resp2Series("state=NY", s(T0, "1"))));
        replies.put(Field.OPEN, resp2(resp2Series("state=CA", s(T0, "1")), resp2Series("state=NY", s(T0, "0"))));

        List<AggregateRow> rows = TimeSeriesHotStore.toRows(q, replies);

        assertThat(rows).extracting(AggregateRow::group).containsExactly(Map.of("state", "CA"), Map.of("state", "NY"));
        assertThat(rows).extracting(r -> r.aggregate().count()).containsExactly(8L, 11L);
        assertThat(rows).extracting(r -> r.aggregate().sum().doubleValue()).containsExactly(8.0, 11.0);
        assertThat(rows).extracting(AggregateRow::closed).containsExactly(false, true);
    }

    @Test
    void shouldReadTheResp3ShapeOfAGroupedReplyTheSameWay() {
        RollupQuery q = query("calls", List.of("state"));
        Map<Field, Map<String, TSMRangeElements>> replies = new EnumMap<>(Field.class);
        replies.put(Field.COUNT, resp3(resp3Series("state=CA%2C%20US", "sum", s(T0, 8), s(T1, 3))));
        replies.put(Field.SUM, resp3(resp3Series("state=CA%2C%20US", "sum", s(T0, 12.5), s(T1, 3))));
        replies.put(Field.MIN, resp3(resp3Series("state=CA%2C%20US", "min", s(T0, 0.5), s(T1, 1))));
        replies.put(Field.MAX, resp3(resp3Series("state=CA%2C%20US", "max", s(T0, 4), s(T1, 1))));
        replies.put(Field.OPEN, resp3(resp3Series("state=CA%2C%20US", "max", s(T0, 0), s(T1, 0))));

        List<AggregateRow> rows = TimeSeriesHotStore.toRows(q, replies);

        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().group()).containsExactlyEntriesOf(Map.of("state", "CA, US"));
        assertThat(rows.getFirst().aggregate().count()).isEqualTo(8);
        assertThat(rows.getFirst().aggregate().sum()).isEqualByComparingTo("12.5");
        assertThat(rows.getFirst().aggregate().min()).isEqualTo(0.5);
        assertThat(rows.getFirst().aggregate().max()).isEqualTo(4);
        assertThat(rows).allMatch(AggregateRow::closed);
    }

    @Test
    void shouldReturnNoRowsForEmptyReplies() {
        Map<Field, Map<String, TSMRangeElements>> replies = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            replies.put(f, resp2());
        }
        replies.put(Field.OPEN, resp3());

        assertThat(TimeSeriesHotStore.toRows(query("calls", List.of()), replies))
                .isEmpty();
    }

    @Test
    void shouldKeepManyMoneySumsExactThroughTheServersDoubleSum() {
        // what the server does: add the scaled sums of many windows as doubles
        BigDecimal expected = BigDecimal.ZERO;
        double serverSum = 0;
        for (int i = 0; i < 5000; i++) {
            BigDecimal revenue = new BigDecimal("1234.5678").add(BigDecimal.valueOf(i * 7919L, 4));
            expected = expected.add(revenue);
            serverSum += TimeSeriesHotStore.sumToSeries("revenue", revenue);
        }
        Map<Field, Map<String, TSMRangeElements>> replies = new EnumMap<>(Field.class);
        String name = "_cea=x";
        replies.put(Field.COUNT, resp2(resp2Series(name, s(T0, "5000"))));
        replies.put(
                Field.SUM,
                resp2(resp2Series(name, s(T0, BigDecimal.valueOf(serverSum).toPlainString()))));

        List<AggregateRow> rows = TimeSeriesHotStore.toRows(query("revenue", List.of()), replies);

        assertThat(rows.getFirst().aggregate().sum()).isEqualByComparingTo(expected);
        assertThat(rows.getFirst().closed()).isFalse();
    }

    @Test
    void shouldCountPipelinedErrorRepliesByKind() {
        ReplyErrors errors = new ReplyErrors();
        List<Object> replies = new ArrayList<>();
        for (Object raw : List.of(
                1L,
                new JedisDataException("ERR TSDB: Timestamp is older than retention"),
                new JedisDataException("ERR TSDB: Timestamp is older than retention"),
                b("OK"),
                new JedisDataException("ERR unknown command 'TS.ADD', with args beginning with: 'cea:t:1m:x' '17'"))) {
            Response<Long> response = new Response<>(BuilderFactory.LONG);
            response.set(raw instanceof byte[] ? 1L : raw);
            try {
                replies.add(response.get());
            } catch (JedisDataException e) {
                replies.add(e);
            }
        }

        errors.count(replies);

        assertThat(errors.snapshot())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("ERR TSDB: Timestamp is older than retention", 2L, "ERR unknown command 'TS.ADD'", 1L));
    }

    @Test
    void shouldEncodeLabelValuesSoFiltersParseAndDecodeBack() {
        for (String v : List.of("", "CA", "a,b", "(x)", "p=q", "50%", "with space", "it's")) {
            String encoded = TimeSeriesHotStore.labelValue(v);
            assertThat(encoded).isNotEmpty().doesNotContain("(", ")", ",", " ", "=", "'", "\"");
            assertThat(TimeSeriesHotStore.labelValueDecode(encoded)).isEqualTo(v);
        }
        RollupQuery q = new RollupQuery(
                "calls",
                List.of("buyer_id", "state"),
                "1m",
                BASE,
                BASE.plusSeconds(60),
                Duration.ofMinutes(1),
                BASE,
                Map.of("state", Set.of("NY", "CA")),
                List.of(),
                false);
        assertThat(TimeSeriesHotStore.filters(q, Field.SUM))
                .containsExactly("_cea=sum:calls:1m:buyer_id%2Cstate", "state=(CA,NY)");
    }
}
