package com.dce.analytics.store.hot;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Counts the error replies of pipelined writes by kind (the server's message without keys and
 * numbers) and logs each kind once, so a flood of failing calls is visible without a log line per
 * call.
 */
final class ReplyErrors {

    private static final Logger log = LoggerFactory.getLogger(ReplyErrors.class);
    private static final int MAX_KINDS = 32;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final String what;

    ReplyErrors() {
        this("a write failed");
    }

    /** {@code what} names the event in the log line, e.g. "a write failed". */
    ReplyErrors(String what) {
        this.what = what;
    }

    /** Counts every error among the replies (as {@code Pipeline.syncAndReturnAll} returns them). */
    void count(List<?> replies) {
        for (Object reply : replies) {
            if (reply instanceof JedisDataException e) {
                record(kindOf(e.getMessage()), e.getMessage());
            }
        }
    }

    void record(String kind, String example) {
        String k = counts.size() >= MAX_KINDS && !counts.containsKey(kind) ? "other" : kind;
        LongAdder adder = counts.get(k);
        if (adder == null) {
            LongAdder fresh = new LongAdder();
            adder = counts.putIfAbsent(k, fresh);
            if (adder == null) {
                adder = fresh;
                log.warn("hot tier: {}: {} (logged once per kind, then counted)", what, example);
            }
        }
        adder.increment();
    }

    /** The server's message with the arguments echoed back and the numbers taken out. */
    static String kindOf(String message) {
        if (message == null) {
            return "unknown";
        }
        String m = message;
        int args = m.indexOf(", with args beginning with");
        if (args >= 0) {
            m = m.substring(0, args);
        }
        m = m.replaceAll("[0-9]+", "#").strip();
        return m.length() > 100 ? m.substring(0, 100) : m;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
