package com.dce.analytics.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.catalog.EventType;
import com.dce.analytics.events.validation.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExchangeSimulatorTest {

    private static final Instant START = Fixtures.WEDNESDAY_NOON_UTC;
    private static final Pattern CALL_LIFE = Pattern.compile(
            "call.started call.routed( call.connected)? call.completed( call.survey)?( call.complaint)?");
    private static final Pattern AUCTION =
            Pattern.compile("(bid.placed( bid.rejected)? )+(bid.won )?auction.completed");

    @Test
    void shouldGenerateOnlyEventsThatPassValidationOverSeveralHours() {
        // given four simulated hours with the business-hours curve and degradation episodes
        SimulatorSettings settings = SimulatorSettings.defaults().withEventsPerSecond(20);
        Instant end = START.plus(Duration.ofHours(4));

        // when
        List<AnalyticsEvent> events = Fixtures.history(settings, START, Duration.ofHours(4));

        // then every event passes ingest's validation, in time order and inside the range
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (AnalyticsEvent event : events) {
            ValidationResult result = Fixtures.validateOnTheWire(event, end);
            if (!result.isValid()) {
                problems.putIfAbsent(
                        event.eventType(),
                        result.violations().stream().map(Object::toString).toList());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(events).hasSizeGreaterThan(200_000);
        assertThat(events).isSortedAccordingTo(Comparator.comparing(AnalyticsEvent::eventTime));
        assertThat(events.getFirst().eventTime()).isAfterOrEqualTo(START);
        assertThat(events.getLast().eventTime()).isBefore(end);
    }

    @Test
    void shouldCoverEveryEventTypeOfTheCatalogWithinADay() {
        // given a quiet simulated day
        List<AnalyticsEvent> events =
                Fixtures.history(SimulatorSettings.defaults().withEventsPerSecond(5), START, Duration.ofDays(1));

        // when
        Map<String, Long> counts =
                events.stream().collect(Collectors.groupingBy(AnalyticsEvent::eventType, Collectors.counting()));

        // then every type the exchange reports appears (consumer lag is measured by the platform itself)
        Set<String> exchangeTypes = EventCatalog.standard().all().stream()
                .map(EventType::name)
                .filter(name -> !name.equals("system.kafka_lag"))
                .collect(Collectors.toSet());
        assertThat(counts.keySet()).isEqualTo(exchangeTypes);
        Instant end = START.plus(Duration.ofDays(1));
        assertThat(events.stream()
                        .filter(e -> counts.get(e.eventType()) < 2_000)
                        .filter(e -> !Fixtures.validateOnTheWire(e, end).isValid()))
                .isEmpty();
    }

    @Test
    void shouldKeepEachCallsEventsInLifecycleOrderUnderTheCallId() {
        // given an hour of calls
        List<AnalyticsEvent> events = Fixtures.history(Fixtures.flat(200), START, Duration.ofHours(1));
        Map<String, List<AnalyticsEvent>> byCall = events.stream()
                .filter(e -> e.entityType().equals("call") || e.entityType().equals("auction"))
                .collect(Collectors.groupingBy(AnalyticsEvent::entityId, LinkedHashMap::new, Collectors.toList()));

        // when looking at the calls that started and ended within the hour
        Map<String, List<AnalyticsEvent>> whole = byCall.entrySet().stream()
                .filter(e -> e.getValue().getFirst().eventType().equals("call.started"))
                .filter(e -> e.getValue().stream().anyMatch(x -> x.eventType().equals("call.completed")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        // then each runs started → auction → routed → (connected) → completed → (survey, complaint), in time order
        assertThat(whole).hasSizeGreaterThan(5_000);
        Map<String, String> broken = whole.entrySet().stream()
                .filter(e -> !isWellOrdered(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> sequence(e.getValue(), x -> true)));
        assertThat(broken).isEmpty();
    }

    @Test
    void shouldProduceTheSameEventsForTheSameSeedAndStart() {
        // given two simulators with the same settings and start, and one with another seed
        SimulatorSettings settings = SimulatorSettings.defaults();
        ExchangeSimulator first = ExchangeSimulator.startingAt(settings, START);
        ExchangeSimulator second = ExchangeSimulator.startingAt(settings, START);
        ExchangeSimulator other = ExchangeSimulator.startingAt(settings.withSeed(7), START);

        // when
        List<AnalyticsEvent> a = first.nextBatch(30_000);
        List<AnalyticsEvent> b = second.nextBatch(10_000);
        b.addAll(second.nextBatch(20_000));

        // then the events are equal, down to the bytes on the wire
        assertThat(b).isEqualTo(a);
        assertThat(EventJson.mapper().writeValueAsString(b))
                .isEqualTo(EventJson.mapper().writeValueAsString(a));
        assertThat(other.nextBatch(30_000)).isNotEqualTo(a);
    }

    @Test
    void shouldDropTheMisbehavingBuyersCallsFarMoreOftenAndSoundWorse() {
        // given six hours of traffic with buyer-007 misbehaving
        List<AnalyticsEvent> events = Fixtures.history(
                Fixtures.flat(200),
                START,
                Duration.ofHours(6),
                e -> e.eventType().equals("call.completed") || e.eventType().equals("system.api_request"));
        Predicate<AnalyticsEvent> misbehaving = e -> e.stringOr("buyer_id", "").equals("buyer-007");
        List<AnalyticsEvent> talked = events.stream()
                .filter(e -> e.eventType().equals("call.completed"))
                .filter(e -> Set.of("completed", "dropped").contains(e.stringOr("disposition", "")))
                .toList();

        // when
        List<AnalyticsEvent> bad = talked.stream().filter(misbehaving).toList();
        List<AnalyticsEvent> rest = talked.stream().filter(misbehaving.negate()).toList();

        // then its drop rate is several times the rest's, its audio worse, its endpoint failing
        assertThat(bad).hasSizeGreaterThan(300);
        assertThat(dropRate(bad)).isGreaterThan(0.25);
        assertThat(dropRate(rest)).isLessThan(0.08);
        assertThat(meanAudio(bad)).isLessThan(meanAudio(rest) - 1.0);
        List<AnalyticsEvent> gateway = events.stream()
                .filter(e -> e.eventType().equals("system.api_request"))
                .filter(e -> e.string("buyer_id").isPresent())
                .toList();
        assertThat(serverErrorRate(gateway.stream().filter(misbehaving).toList()))
                .isGreaterThan(0.2);
        assertThat(serverErrorRate(gateway.stream().filter(misbehaving.negate()).toList()))
                .isLessThan(0.01);
    }

    @Test
    void shouldMakeUsBusinessHoursBusierThanTheNight() {
        // given a simulated weekday (UTC) with the daily curve
        Instant midnight = Instant.parse("2026-03-04T00:00:00Z");
        List<AnalyticsEvent> events = Fixtures.history(
                SimulatorSettings.defaults().withEventsPerSecond(20),
                midnight,
                Duration.ofDays(1),
                e -> e.eventType().equals("call.started"));

        // when counting calls arriving 10:00–16:00 in New York versus 01:00–05:00 in New York
        long business = callsBetween(events, midnight.plus(Duration.ofHours(15)), Duration.ofHours(6));
        long night = callsBetween(events, midnight.plus(Duration.ofHours(6)), Duration.ofHours(4));

        // then an hour of business is several times busier than an hour of night
        assertThat(business / 6.0).isGreaterThan(4 * night / 4.0);
    }

    @Test
    void shouldHonourTheTargetRateInRealTimeMode() {
        // given a real-time simulation at 300 events/s started on a clock
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        ExchangeSimulator simulator = ExchangeSimulator.realTime(Fixtures.flat(300), clock);

        // when taking the events due over ten minutes of that clock
        List<AnalyticsEvent> due = simulator.nextBatch(Integer.MAX_VALUE, START.plus(Duration.ofMinutes(10)));

        // then there are 300/s within 5 %, already with calls in progress at the start
        assertThat(due.size() / 600.0).isCloseTo(300.0, within(15.0));
        assertThat(simulator.expectedEventsPerSecond(START)).isCloseTo(300.0, within(0.5));
        assertThat(due.stream()
                        .filter(e -> e.eventTime().isBefore(START.plusSeconds(60)))
                        .filter(e -> e.eventType().equals("call.completed")))
                .hasSizeGreaterThan(50);
    }

    @Test
    void shouldDegradeTheConfiguredServiceOnlyDuringItsEpisode() {
        // given the bid engine degrading 6 minutes every hour
        SimulatorSettings settings = Fixtures.flat(200).withDegradation(Degradation.defaults());
        List<AnalyticsEvent> events = Fixtures.history(settings, START, Duration.ofHours(2));
        Predicate<AnalyticsEvent> inEpisode = e -> Degradation.defaults().isActive(e.eventTime());

        // when
        List<AnalyticsEvent> bidEngine = events.stream()
                .filter(e -> e.eventType().equals("system.api_request"))
                .filter(e -> e.stringOr("service", "").equals("bid-engine"))
                .toList();

        // then its requests are slower and fail more inside episodes, and its heartbeats say so
        List<AnalyticsEvent> during = bidEngine.stream().filter(inEpisode).toList();
        List<AnalyticsEvent> outside =
                bidEngine.stream().filter(inEpisode.negate()).toList();
        assertThat(median(during, "latency_ms")).isGreaterThan(5 * median(outside, "latency_ms"));
        assertThat(serverErrorRate(during)).isGreaterThan(0.1);
        assertThat(serverErrorRate(outside)).isLessThan(0.01);
        Map<Boolean, Set<String>> heartbeatStatus = events.stream()
                .filter(e -> e.eventType().equals("system.heartbeat"))
                .filter(e -> e.stringOr("service", "").equals("bid-engine"))
                .collect(Collectors.partitioningBy(
                        inEpisode, Collectors.mapping(e -> e.stringOr("status", ""), Collectors.toSet())));
        assertThat(heartbeatStatus.get(true)).containsExactly("degraded");
        assertThat(heartbeatStatus.get(false)).contains("up");
    }

    private static boolean isWellOrdered(List<AnalyticsEvent> events) {
        boolean timeOrdered = events.stream()
                .map(AnalyticsEvent::eventTime)
                .toList()
                .equals(events.stream().map(AnalyticsEvent::eventTime).sorted().toList());
        String calls = sequence(events, e -> e.entityType().equals("call"));
        String auction = sequence(events, e -> e.entityType().equals("auction"));
        Instant routed = timeOf(events, "call.routed");
        Instant auctionDone = timeOf(events, "auction.completed");
        Instant started = timeOf(events, "call.started");
        return timeOrdered
                && CALL_LIFE.matcher(calls).matches()
                && AUCTION.matcher(auction).matches()
                && !auctionDone.isAfter(routed)
                && !started.isAfter(events.stream()
                        .filter(e -> e.entityType().equals("auction"))
                        .findFirst()
                        .orElseThrow()
                        .eventTime());
    }

    private static String sequence(List<AnalyticsEvent> events, Predicate<AnalyticsEvent> which) {
        return events.stream().filter(which).map(AnalyticsEvent::eventType).collect(Collectors.joining(" "));
    }

    private static Instant timeOf(List<AnalyticsEvent> events, String type) {
        return events.stream()
                .filter(e -> e.eventType().equals(type))
                .findFirst()
                .orElseThrow()
                .eventTime();
    }

    private static double dropRate(List<AnalyticsEvent> completed) {
        return completed.stream()
                        .filter(e -> e.stringOr("disposition", "").equals("dropped"))
                        .count()
                / (double) completed.size();
    }

    private static double meanAudio(List<AnalyticsEvent> completed) {
        return completed.stream()
                .mapToDouble(e -> e.decimal("audio_quality_score").orElseThrow().doubleValue())
                .average()
                .orElseThrow();
    }

    private static double serverErrorRate(List<AnalyticsEvent> requests) {
        return requests.stream()
                        .filter(e -> e.decimal("status").orElseThrow().intValue() >= 500)
                        .count()
                / (double) requests.size();
    }

    private static double median(List<AnalyticsEvent> events, String property) {
        List<Double> values = events.stream()
                .map(e -> e.decimal(property).orElseThrow().doubleValue())
                .sorted()
                .toList();
        return values.get(values.size() / 2);
    }

    private static long callsBetween(List<AnalyticsEvent> events, Instant from, Duration length) {
        Instant to = from.plus(length);
        return events.stream()
                .filter(e -> e.eventType().equals("call.started"))
                .filter(e -> !e.eventTime().isBefore(from) && e.eventTime().isBefore(to))
                .count();
    }
}
