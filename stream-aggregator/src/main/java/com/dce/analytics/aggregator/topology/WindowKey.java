package com.dce.analytics.aggregator.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key of one window of one series in the window store: window end first (big-endian, so a
 * range scan finds every window that may close), then the window's label index and start, then
 * the series key.
 */
record WindowKey(long windowEnd, int windowIndex, long windowStart, String seriesKey) {

    /**
     * Mixed rather than the record default: keys of one series differ only in start and end, which
     * move together, and a plain polynomial hash then leaves the low bits equal (long hash chains).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof WindowKey k
                && windowEnd == k.windowEnd
                && windowStart == k.windowStart
                && windowIndex == k.windowIndex
                && seriesKey.equals(k.seriesKey);
    }

    @Override
    public int hashCode() {
        long h = windowEnd * 0x9E3779B97F4A7C15L ^ windowStart * 0xC2B2AE3D27D4EB4FL ^ windowIndex;
        h ^= seriesKey.hashCode() * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }

    Bytes toBytes() {
        byte[] series = seriesKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(17 + series.length)
                .putLong(windowEnd)
                .put((byte) windowIndex)
                .putLong(windowStart)
                .put(series)
                .array());
    }

    static WindowKey fromBytes(Bytes bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes.get());
        long end = in.getLong();
        int index = in.get();
        long start = in.getLong();
        byte[] series = new byte[in.remaining()];
        in.get(series);
        return new WindowKey(end, index, start, new String(series, StandardCharsets.UTF_8));
    }

    /** The smallest key whose window ends after {@code windowEnd}: the exclusive bound of a close scan. */
    static Bytes endBound(long windowEnd) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(windowEnd + 1).array());
    }

    static Bytes lowest() {
        return Bytes.wrap(new byte[0]);
    }
}
