package com.dce.analytics.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.math.BigDecimal;
import java.nio.ByteBuffer;

/**
 * The mergeable summary of one series over one window: count, exact sum, min, max, the last value
 * (for gauges) and, for latency-like series, a DDSketch for percentiles. Mutable on purpose: the
 * aggregator folds thousands of values into it per second. Two merges exist because gauges
 * combine differently over time (the later value wins) and across series (values add up).
 */
public final class MetricAggregate {

    private static final byte FORMAT = 1;

    private long count;
    private BigDecimal sum = BigDecimal.ZERO;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double last;
    private long lastTime = Long.MIN_VALUE;
    private DDSketch sketch;

    private MetricAggregate(DDSketch sketch) {
        this.sketch = sketch;
    }

    public static MetricAggregate empty(boolean withSketch) {
        return new MetricAggregate(withSketch ? Sketches.newSketch() : null);
    }

    /** Rebuilds an aggregate from stored fields (database rows, Redis hashes). */
    public static MetricAggregate of(
            long count, BigDecimal sum, double min, double max, double last, long lastTime, byte[] sketchBytes) {
        MetricAggregate a = new MetricAggregate(sketchBytes == null ? null : Sketches.decode(sketchBytes));
        a.count = count;
        a.sum = sum;
        a.min = min;
        a.max = max;
        a.last = last;
        a.lastTime = lastTime;
        return a;
    }

    public void add(BigDecimal value, long timeMillis) {
        double v = value.doubleValue();
        count++;
        sum = sum.add(value);
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (timeMillis >= lastTime) {
            last = v;
            lastTime = timeMillis;
        }
        if (sketch != null) {
            sketch.accept(v);
        }
    }

    /** Merges an aggregate of the same series for another (or the same) time span. */
    public MetricAggregate mergeOverTime(MetricAggregate other) {
        mergeCommon(other);
        if (other.lastTime >= lastTime && other.count > 0) {
            last = other.last;
            lastTime = other.lastTime;
        }
        return this;
    }

    /** Merges an aggregate of a sibling series (another dimension value, another shard). */
    public MetricAggregate mergeAcross(MetricAggregate other) {
        boolean wasEmpty = count == 0;
        mergeCommon(other);
        if (other.count > 0) {
            last = wasEmpty ? other.last : last + other.last;
            lastTime = Math.max(lastTime, other.lastTime);
        }
        return this;
    }

    private void mergeCommon(MetricAggregate other) {
        if (other.count == 0) {
            return;
        }
        count += other.count;
        sum = sum.add(other.sum);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (other.sketch != null) {
            if (sketch == null) {
                sketch = other.sketch.copy();
            } else {
                sketch.mergeWith(other.sketch);
            }
        }
    }

    public MetricAggregate copy() {
        return fromBytes(toBytes());
    }

    public long count() {
        return count;
    }

    public BigDecimal sum() {
        return sum;
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    public double last() {
        return last;
    }

    public long lastTime() {
        return lastTime;
    }

    public boolean hasSketch() {
        return sketch != null;
    }

    /** The value at quantile {@code q} (0–1) within 1% relative error, or NaN without data. */
    public double quantile(double q) {
        if (sketch == null || sketch.isEmpty()) {
            return Double.NaN;
        }
        return sketch.getValueAtQuantile(q);
    }

    public byte[] sketchBytes() {
        return sketch == null ? null : Sketches.encode(sketch);
    }

    public byte[] toBytes() {
        byte[] unscaled = sum.unscaledValue().toByteArray();
        byte[] sketchBytes = sketchBytes();
        int sketchLength = sketchBytes == null ? -1 : sketchBytes.length;
        ByteBuffer out =
                ByteBuffer.allocate(1 + 8 + 4 + 4 + unscaled.length + 8 * 3 + 8 + 4 + Math.max(0, sketchLength));
        out.put(FORMAT)
                .putLong(count)
                .putInt(sum.scale())
                .putInt(unscaled.length)
                .put(unscaled);
        out.putDouble(min).putDouble(max).putDouble(last).putLong(lastTime).putInt(sketchLength);
        if (sketchBytes != null) {
            out.put(sketchBytes);
        }
        return out.array();
    }

    public static MetricAggregate fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown aggregate format " + format);
        }
        long count = in.getLong();
        int scale = in.getInt();
        byte[] unscaled = new byte[in.getInt()];
        in.get(unscaled);
        double min = in.getDouble();
        double max = in.getDouble();
        double last = in.getDouble();
        long lastTime = in.getLong();
        int sketchLength = in.getInt();
        byte[] sketchBytes = null;
        if (sketchLength >= 0) {
            sketchBytes = new byte[sketchLength];
            in.get(sketchBytes);
        }
        return of(
                count,
                new BigDecimal(new java.math.BigInteger(unscaled), scale),
                min,
                max,
                last,
                lastTime,
                sketchBytes);
    }

    @Override
    public String toString() {
        return "MetricAggregate[count=" + count + ", sum=" + sum + ", min=" + min() + ", max=" + max() + ", last="
                + last + (sketch == null ? "" : ", p50=" + quantile(0.5)) + "]";
    }
}
