package com.dce.analytics.simulator;

import java.util.List;

/** The simulated exchange's own services, with their instances, endpoints, queries and cost. */
final class Services {

    /**
     * One service. Latencies are log-normal medians in ms; weights are its share of the
     * exchange's API requests and database queries.
     */
    record Service(
            String name,
            int instances,
            double apiWeight,
            double medianLatencyMs,
            List<String> endpoints,
            double dbWeight,
            double medianQueryMs,
            List<String> operations,
            double hourlyCost,
            long memoryMegabytes) {

        String instance(int index) {
            return name + "-" + (index + 1);
        }
    }

    static final String BUYER_GATEWAY = "buyer-gateway";

    static final List<Service> ALL = List.of(
            new Service(
                    "call-router",
                    3,
                    0.22,
                    12,
                    List.of("POST /v1/calls/{callId}/route", "GET /v1/routes/{routeId}"),
                    0.20,
                    2.5,
                    List.of("select_routing_rules", "select_buyer_caps", "update_route_stats"),
                    0.96,
                    1024),
            new Service(
                    "bid-engine",
                    3,
                    0.24,
                    22,
                    List.of("POST /v1/auctions", "POST /v1/auctions/{auctionId}/bids", "GET /v1/auctions/{auctionId}"),
                    0.25,
                    3.0,
                    List.of("insert_bid", "select_open_auctions", "update_auction"),
                    1.20,
                    1536),
            new Service(
                    "billing",
                    2,
                    0.08,
                    45,
                    List.of("POST /v1/invoices", "GET /v1/accounts/{accountId}/balance", "POST /v1/payouts"),
                    0.25,
                    6.0,
                    List.of("insert_ledger_entry", "select_balance", "update_invoice"),
                    0.64,
                    768),
            new Service(
                    "ivr",
                    2,
                    0.14,
                    30,
                    List.of("POST /v1/ivr/sessions", "POST /v1/ivr/sessions/{sessionId}/input"),
                    0.08,
                    2.0,
                    List.of("select_ivr_flow", "insert_ivr_input"),
                    0.48,
                    512),
            new Service(
                    "compliance-gateway",
                    2,
                    0.12,
                    60,
                    List.of("POST /v1/dnc/check", "POST /v1/consent/verify"),
                    0.12,
                    4.0,
                    List.of("select_consent", "insert_audit_log"),
                    0.48,
                    640),
            new Service(
                    BUYER_GATEWAY,
                    2,
                    0.16,
                    85,
                    List.of("POST /v1/buyers/{buyerId}/ping", "POST /v1/buyers/{buyerId}/post"),
                    0.05,
                    2.0,
                    List.of("select_buyer_endpoint"),
                    0.48,
                    512),
            new Service(
                    "partner-api",
                    2,
                    0.04,
                    120,
                    List.of("GET /v1/reports/calls", "GET /v1/campaigns", "GET /v1/campaigns/{campaignId}"),
                    0.05,
                    25.0,
                    List.of("select_call_report", "select_campaigns"),
                    0.40,
                    1024));

    static final double[] API_CUMULATIVE =
            Rng.cumulative(ALL.stream().mapToDouble(Service::apiWeight).toArray());
    static final double[] DB_CUMULATIVE =
            Rng.cumulative(ALL.stream().mapToDouble(Service::dbWeight).toArray());

    static int instanceCount() {
        return ALL.stream().mapToInt(Service::instances).sum();
    }

    private Services() {}
}
