package com.dce.analytics.simulator;

/** The hourly data-retention check of each dataset the exchange keeps; now and then one is behind. */
final class RetentionChecks extends Ticker {

    static final long PERIOD_MILLIS = 3_600_000;
    private static final String[] DATASETS = {"call_recordings", "caller_pii", "raw_events", "billing_records"};

    private RetentionChecks() {
        super(PERIOD_MILLIS);
    }

    static void launch(long from, World world) {
        new RetentionChecks().start(from, world);
    }

    static double eventsPerSecond() {
        return DATASETS.length * 1000.0 / PERIOD_MILLIS;
    }

    @Override
    void tick(long now, World world) {
        for (String dataset : DATASETS) {
            boolean compliant = world.rng.chance(0.95);
            world.emit(
                    "compliance.retention_check",
                    dataset,
                    now,
                    Props.with("dataset", dataset)
                            .and("compliant", compliant)
                            .and(
                                    "records_overdue",
                                    compliant ? 0L : (long) world.rng.logNormal(200, 1.2, 1, 1_000_000)));
        }
    }
}
