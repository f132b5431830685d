package com.dce.analytics.alert.support;

import static com.dce.analytics.events.EventBuilder.event;

import com.dce.analytics.events.AnalyticsEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Events of a call exchange, minute by minute, for seeding the stores. */
public final class Traffic {

    private static final AtomicLong IDS = new AtomicLong();

    private Traffic() {}

    /**
     * Calls that ended within the minute: {@code completed} talked a minute each at {@code bid} per
     * minute (revenue {@code bid} each), {@code dropped} dropped without a bid.
     */
    public static List<AnalyticsEvent> calls(
            Instant minute, int completed, int dropped, BigDecimal bid, String buyer, String state) {
        List<AnalyticsEvent> events = new ArrayList<>();
        int n = completed + dropped;
        for (int i = 0; i < n; i++) {
            boolean drop = i >= completed;
            var builder = event("call.completed")
                    .entity("call-" + IDS.incrementAndGet())
                    .at(minute.plusMillis(i * (55_000L / Math.max(1, n))))
                    .with("buyer_id", buyer)
                    .with("seller_id", "s-1")
                    .with("state", state)
                    .with("disposition", drop ? "dropped" : "completed")
                    .with("duration_seconds", BigDecimal.valueOf(60));
            if (!drop) {
                builder.with("bid_amount", bid);
            } else {
                builder.with("drop_reason", "network");
            }
            events.add(builder.build());
        }
        return events;
    }

    /** API requests within the minute: {@code slow} of them at {@code slowMs}, {@code errors} answered 503. */
    public static List<AnalyticsEvent> requests(
            Instant minute, int count, int slow, double fastMs, double slowMs, int errors, String service) {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event("system.api_request")
                    .entity(service)
                    .at(minute.plusMillis(i * (55_000L / Math.max(1, count))))
                    .with("service", service)
                    .with("endpoint", "/v1/bids")
                    .with("latency_ms", BigDecimal.valueOf(i < slow ? slowMs : fastMs))
                    .with("status", i >= count - errors ? 503 : 200)
                    .build());
        }
        return events;
    }
}
