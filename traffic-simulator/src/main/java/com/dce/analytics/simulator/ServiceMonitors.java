package com.dce.analytics.simulator;

import com.dce.analytics.simulator.Services.Service;

/**
 * Per service instance: a heartbeat every 10 s ("degraded" during its service's degradation
 * episode) and a resource sample every 15 s, CPU following the load and memory a garbage
 * collector's sawtooth.
 */
final class ServiceMonitors {

    static final long HEARTBEAT_MILLIS = 10_000;
    static final long RESOURCE_MILLIS = 15_000;

    private ServiceMonitors() {}

    static void launch(long from, World world) {
        for (Service service : Services.ALL) {
            for (int i = 0; i < service.instances(); i++) {
                new Heartbeat(service, service.instance(i)).start(from, world);
                new ResourceSample(service, service.instance(i)).start(from, world);
            }
        }
    }

    /** Events per second these monitors add, whatever the traffic. */
    static double eventsPerSecond() {
        return Services.instanceCount() * (1000.0 / HEARTBEAT_MILLIS + 1000.0 / RESOURCE_MILLIS);
    }

    private static final class Heartbeat extends Ticker {
        private final Service service;
        private final String instance;

        Heartbeat(Service service, String instance) {
            super(HEARTBEAT_MILLIS);
            this.service = service;
            this.instance = instance;
        }

        @Override
        void tick(long now, World world) {
            boolean degraded = world.settings.degradation().isActive(service.name(), now) || world.rng.chance(0.001);
            world.emit(
                    "system.heartbeat",
                    instance,
                    now,
                    Props.with("service", service.name()).and("status", degraded ? "degraded" : "up"));
        }
    }

    private static final class ResourceSample extends Ticker {
        private static final long GC_CYCLE_MILLIS = 7 * 60_000;

        private final Service service;
        private final String instance;

        ResourceSample(Service service, String instance) {
            super(RESOURCE_MILLIS);
            this.service = service;
            this.instance = instance;
        }

        @Override
        void tick(long now, World world) {
            Rng rng = world.rng;
            double cpu = world.settings.degradation().isActive(service.name(), now)
                    ? rng.between(80, 98)
                    : Math.clamp(
                            6 + 28 * world.curve.factor(now) * service.apiWeight() * 4 + 4 * rng.gaussian(), 1, 100);
            double sawtooth =
                    Math.floorMod(now + instance.hashCode() * 7919L, GC_CYCLE_MILLIS) / (double) GC_CYCLE_MILLIS;
            long memory = (long) (service.memoryMegabytes() * (0.55 + 0.35 * sawtooth) * 1024 * 1024);
            world.emit(
                    "system.resource",
                    instance,
                    now,
                    Props.with("service", service.name())
                            .and("cpu_percent", Rng.decimal(cpu, 1))
                            .and("memory_bytes", memory));
        }
    }
}
