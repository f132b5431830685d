package com.dce.analytics.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one sketch configuration of the platform: DDSketch with 1% relative accuracy and at most
 * 2,048 bins (the lowest collapse first, so high percentiles stay exact to 1%). Every window
 * stores one; percentiles over longer ranges come from merging them.
 */
public final class Sketches {

    public static final double RELATIVE_ACCURACY = 0.01;
    private static final int MAX_BINS = 2048;

    private Sketches() {}

    public static DDSketch newSketch() {
        return DDSketches.collapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
    }

    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    public static DDSketch decode(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
