package com.dce.analytics.collector;

import java.lang.management.ManagementFactory;

/**
 * A resource sample of this JVM, as {@code system.resource} events report it.
 *
 * @param cpuPercent CPU use in percent of one core (200 = two cores busy)
 * @param memoryBytes heap in use
 */
public record ProcessResources(double cpuPercent, long memoryBytes) {

    public static ProcessResources now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Runtime rt = Runtime.getRuntime();
        return new ProcessResources(
                Math.max(0, os.getProcessCpuLoad()) * 100 * os.getAvailableProcessors(),
                rt.totalMemory() - rt.freeMemory());
    }
}
