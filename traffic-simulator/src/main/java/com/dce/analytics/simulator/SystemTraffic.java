package com.dce.analytics.simulator;

import com.dce.analytics.simulator.Services.Service;

/**
 * The exchange services' request, query and error log, in proportion to call volume: API
 * requests with log-normal latency and occasional 4xx/5xx, database queries and stray errors.
 * Requests to the misbehaving buyer's endpoint are slow and fail often; a service in a
 * degradation episode answers slowly and with 5xx. Every 5xx also logs a system.error.
 */
final class SystemTraffic extends PoissonActor {

    static final double API_PER_CALL = 3.0;
    static final double DB_PER_CALL = 2.0;
    static final double ERRORS_PER_CALL = 0.02;
    static final double PER_CALL = API_PER_CALL + DB_PER_CALL + ERRORS_PER_CALL;

    private static final long[] SERVER_ERRORS = {500, 502, 503, 504};
    private static final long[] CLIENT_ERRORS = {400, 404, 409, 429};
    private static final String[] STRAY_ERRORS = {
        "KafkaProducerTimeout", "RedisConnectionReset", "NullPointerException", "OptimisticLockFailure"
    };

    SystemTraffic(double callsPerSecond) {
        super(callsPerSecond * PER_CALL, true);
    }

    @Override
    void arrive(long now, World world) {
        double kind = world.rng.uniform() * PER_CALL;
        if (kind < API_PER_CALL) {
            apiRequest(now, world);
        } else if (kind < API_PER_CALL + DB_PER_CALL) {
            dbQuery(now, world);
        } else {
            Service service = Services.ALL.get(world.rng.nextInt(Services.ALL.size()));
            String type = world.rng.oneOf(STRAY_ERRORS);
            error(service, instance(service, world), type, null, now, world);
        }
    }

    private static void apiRequest(long now, World world) {
        Rng rng = world.rng;
        Service service = Services.ALL.get(rng.pick(Services.API_CUMULATIVE));
        String instance = instance(service, world);
        double latency = rng.logNormal(service.medianLatencyMs(), 0.55);
        double serverErrors = 0.002;
        String buyerId = null;
        String errorType = "InternalServerError";
        if (service.name().equals(Services.BUYER_GATEWAY)) {
            Market.Buyer buyer = world.market.buyers.get(world.market.pickBuyer(rng));
            buyerId = buyer.id();
            if (buyer.misbehaving()) {
                latency *= rng.between(3, 8);
                serverErrors = 0.3;
                errorType = "BuyerEndpointTimeout";
            }
        }
        if (world.settings.degradation().isActive(service.name(), now)) {
            latency *= rng.between(6, 12);
            serverErrors = 0.2;
            errorType = "UpstreamTimeout";
        }
        double outcome = rng.uniform();
        long status = outcome < serverErrors
                ? SERVER_ERRORS[rng.nextInt(SERVER_ERRORS.length)]
                : outcome < serverErrors + 0.015 ? CLIENT_ERRORS[rng.nextInt(CLIENT_ERRORS.length)] : 200;
        String endpoint =
                service.endpoints().get(rng.nextInt(service.endpoints().size()));
        world.emit(
                "system.api_request",
                instance,
                now,
                Props.with("service", service.name())
                        .and("endpoint", endpoint)
                        .and("latency_ms", Rng.decimal(Math.min(latency, 3_600_000), 1))
                        .and("status", status)
                        .and("buyer_id", buyerId));
        if (status >= 500) {
            error(service, instance, errorType, buyerId, now, world);
        }
    }

    private static void dbQuery(long now, World world) {
        Rng rng = world.rng;
        Service service = Services.ALL.get(rng.pick(Services.DB_CUMULATIVE));
        double duration = rng.logNormal(service.medianQueryMs(), 0.9);
        if (world.settings.degradation().isActive(service.name(), now)) {
            duration *= rng.between(5, 10);
        }
        world.emit(
                "system.db_query",
                instance(service, world),
                now,
                Props.with("service", service.name())
                        .and(
                                "operation",
                                service.operations()
                                        .get(rng.nextInt(service.operations().size())))
                        .and("duration_ms", Rng.decimal(Math.clamp(duration, 0.01, 3_600_000), 2)));
    }

    private static void error(Service service, String instance, String type, String buyerId, long now, World world) {
        world.emit(
                "system.error",
                instance,
                now,
                Props.with("service", service.name())
                        .and("error_type", type)
                        .and("message", type + " in " + instance)
                        .and("buyer_id", buyerId));
    }

    private static String instance(Service service, World world) {
        return service.instance(world.rng.nextInt(service.instances()));
    }
}
