package com.dce.analytics.simulator;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.UUID;

/** The simulator's only source of randomness: seeded, so a run is reproducible, with the distributions it needs. */
final class Rng {

    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};

    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double uniform() {
        return random.nextDouble();
    }

    double between(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A whole number in [low, high]. */
    int intBetween(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double gaussian() {
        return random.nextGaussian();
    }

    /** Log-normal with the given median; sigma is the spread of the logarithm. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    /** Log-normal clamped to [min, max]. */
    double logNormal(double median, double sigma, double min, double max) {
        return Math.clamp(logNormal(median, sigma), min, max);
    }

    double exponential(double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }

    /** Index drawn from cumulative weights (last element = total). */
    int pick(double[] cumulative) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    <T> T oneOf(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A random (version 4) UUID drawn from the seeded stream. */
    UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** An independent generator for a sub-model, so that it does not shift the main stream. */
    Rng split() {
        return new Rng(random.nextLong());
    }

    static BigDecimal money(double amount) {
        return BigDecimal.valueOf(Math.round(amount * 10_000), 4);
    }

    static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(Math.round(value * POWERS_OF_TEN[scale]), scale);
    }

    static double[] cumulative(double[] weights) {
        double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }
}
