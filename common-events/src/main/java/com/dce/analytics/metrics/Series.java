package com.dce.analytics.metrics;

/** Names of the base series, for formulas and tests. */
public final class Series {
    public static final String CALLS = "calls";
    public static final String CALLS_BY_SELLER = "calls_by_seller";
    public static final String CALLS_STARTED = "calls_started";
    public static final String ROUTING = "routing";
    public static final String CALLS_CONNECTED = "calls_connected";
    public static final String CALLS_ENDED = "calls_ended";
    public static final String CALLS_ENDED_BY_SELLER = "calls_ended_by_seller";
    public static final String DROPS = "drops";
    public static final String DURATION_BUCKETS = "duration_buckets";
    public static final String AUDIO_QUALITY = "audio_quality";
    public static final String QUALITY_BUCKETS = "quality_buckets";
    public static final String SURVEYS = "surveys";
    public static final String COMPLAINTS = "complaints";
    public static final String CONCURRENT_CALLS = "concurrent_calls";
    public static final String REVENUE = "revenue";
    public static final String REVENUE_BY_SELLER = "revenue_by_seller";
    public static final String COSTS = "costs";
    public static final String PAYOUTS_BY_SELLER = "payouts_by_seller";
    public static final String BILLED_REVENUE = "billed_revenue";
    public static final String BUYER_PAYMENTS = "buyer_payments";
    public static final String SELLER_PAYOUTS = "seller_payouts";
    public static final String BIDS = "bids";
    public static final String AUCTIONS = "auctions";
    public static final String TCPA_VIOLATIONS = "tcpa_violations";
    public static final String DNC_CHECKS = "dnc_checks";
    public static final String CONSENT_CHECKS = "consent_checks";
    public static final String RETENTION_CHECKS = "retention_checks";
    public static final String API_REQUESTS = "api_requests";
    public static final String DB_QUERIES = "db_queries";
    public static final String SERVICE_ERRORS = "service_errors";
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String SERVICE_HEALTH = "service_health";
    public static final String KAFKA_LAG = "kafka_lag";
    public static final String ACCOUNTS_CREATED = "accounts_created";
    public static final String ACCOUNTS_CLOSED = "accounts_closed";
    public static final String ACTIVE_ACCOUNTS = "active_accounts";
    public static final String MARKET_CALLS = "market_calls";
    public static final String PIPELINE_EVENTS = "pipeline_events";
    public static final String PIPELINE_LATE_EVENTS = "pipeline_late_events";
    public static final String PIPELINE_DUPLICATES = "pipeline_duplicates";

    private Series() {}
}
