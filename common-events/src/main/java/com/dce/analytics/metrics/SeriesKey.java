package com.dce.analytics.metrics;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A series and the values of its dimensions, e.g. {@code calls{buyer_id=b7,state=CA}}. The
 * encoded form is canonical (dimensions sorted, values percent-encoded), so it can be used as a
 * store key and parsed back.
 */
public record SeriesKey(String series, SortedMap<String, String> dimensions) {

    public SeriesKey {
        dimensions = new TreeMap<>(dimensions);
    }

    public static SeriesKey of(String series, Map<String, String> dimensions) {
        return new SeriesKey(series, new TreeMap<>(dimensions));
    }

    public String encode() {
        StringBuilder out = new StringBuilder(series.length() + 16 * dimensions.size());
        out.append(series).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : dimensions.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(e.getKey()).append('=').append(escape(e.getValue()));
        }
        return out.append('}').toString();
    }

    public static SeriesKey parse(String encoded) {
        int open = encoded.indexOf('{');
        if (open < 0 || !encoded.endsWith("}")) {
            throw new IllegalArgumentException("not a series key: " + encoded);
        }
        TreeMap<String, String> dims = new TreeMap<>();
        String body = encoded.substring(open + 1, encoded.length() - 1);
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                int eq = pair.indexOf('=');
                dims.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new SeriesKey(encoded.substring(0, open), dims);
    }

    private static String escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '@')) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
        }
        return value;
    }
}
