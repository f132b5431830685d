package com.dce.analytics.query.live;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.springframework.web.socket.TextMessage;

/**
 * What is still to be sent to one WebSocket session, and the one sender that sends it.
 *
 * <p>Two kinds of message wait here, in the order they were first queued:
 *
 * <ul>
 *   <li>the <em>state</em> of a subscription (its latest update or error), keyed by subscription: a
 *       newer state replaces the unsent older one in place (coalescing), so a slow client holds at
 *       most one message per subscription and gets the newest one when it reads again;
 *   <li><em>replies</em> (acknowledgements, errors of a request, pongs), which are not essential: the
 *       client can always re-send its request.
 * </ul>
 *
 * <p>At most {@code maxPending} messages are held. Over that, what goes first is the state of a
 * subscription the session no longer holds (per {@code current}; worth nothing to the client), then
 * the oldest reply; only if every pending message is the state of a held subscription is the
 * oldest of them dropped, which cannot happen while {@code maxPending} exceeds the number of
 * subscriptions a session may hold. So memory is bounded and the latest state of each held
 * subscription is never lost.
 *
 * <p>Sending happens on the outbox's own (virtual) thread, so a client that does not read blocks
 * only itself; the hub closes sessions whose send has been stuck longer than the limit.
 */
final class Outbox {

    /** Where messages go (the WebSocket session's {@code sendMessage}). */
    @FunctionalInterface
    interface Sink {
        void send(TextMessage message) throws IOException;
    }

    /** Reply keys cannot collide with subscription keys, which start with a metric name. */
    private static final String REPLY = "\0reply:";

    private final Sink sink;
    private final Executor sender;
    private final int maxPending;
    private final Predicate<String> current;
    private final LinkedHashMap<String, TextMessage> pending = new LinkedHashMap<>();
    private boolean draining;
    private boolean closed;
    private volatile long sendingSince;
    private long replySeq;
    private int replies;
    private long sent;
    private long replaced;
    private long droppedReplies;
    private long droppedStates;

    /**
     * @param current whether a subscription key is still held by the session (stale states are
     *     dropped before current ones)
     */
    Outbox(Sink sink, Executor sender, int maxPending, Predicate<String> current) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive");
        }
        this.sink = sink;
        this.sender = sender;
        this.maxPending = maxPending;
        this.current = current;
    }

    /** Queues the newest state of subscription {@code key}; an unsent older one is replaced in place. */
    void offer(String key, TextMessage message) {
        enqueue(key, message);
    }

    /** Queues a reply; replies go before any state of a held subscription when the outbox is full. */
    void reply(TextMessage message) {
        enqueue(null, message);
    }

    /** Forgets the unsent state of a subscription the session no longer holds. */
    synchronized void discard(String key) {
        pending.remove(key);
    }

    private void enqueue(String key, TextMessage message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (key == null) {
                pending.put(REPLY + replySeq++, message);
                replies++;
            } else if (pending.replace(key, message) != null) {
                replaced++;
            } else {
                pending.put(key, message);
            }
            while (pending.size() > maxPending) {
                evictOne();
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        sender.execute(this::drain);
    }

    /** Drops the oldest stale state, else the oldest reply, else the oldest state. */
    private void evictOne() {
        String victim = first(k -> !k.startsWith(REPLY) && !current.test(k));
        if (victim == null && replies > 0) {
            victim = first(k -> k.startsWith(REPLY));
        }
        if (victim == null) {
            victim = pending.firstEntry().getKey();
        }
        pending.remove(victim);
        if (victim.startsWith(REPLY)) {
            replies--;
            droppedReplies++;
        } else {
            droppedStates++;
        }
    }

    private String first(Predicate<String> p) {
        for (String k : pending.keySet()) {
            if (p.test(k)) {
                return k;
            }
        }
        return null;
    }

    private void drain() {
        while (true) {
            TextMessage next;
            synchronized (this) {
                Iterator<Map.Entry<String, TextMessage>> it = pending.entrySet().iterator();
                if (closed || !it.hasNext()) {
                    draining = false;
                    return;
                }
                Map.Entry<String, TextMessage> e = it.next();
                next = e.getValue();
                if (e.getKey().startsWith(REPLY)) {
                    replies--;
                }
                it.remove();
            }
            sendingSince = System.nanoTime();
            try {
                sink.send(next);
                synchronized (this) {
                    sent++;
                }
            } catch (IOException | RuntimeException e) {
                close();
                return;
            } finally {
                sendingSince = 0;
            }
        }
    }

    /** True when one send has been blocked for longer than {@code limitNanos}: the client stopped reading. */
    boolean stalled(long limitNanos) {
        long since = sendingSince;
        return since != 0 && System.nanoTime() - since > limitNanos;
    }

    synchronized void close() {
        closed = true;
        pending.clear();
        replies = 0;
    }

    synchronized int pending() {
        return pending.size();
    }

    synchronized long sent() {
        return sent;
    }

    /** States that replaced an unsent older state of the same subscription. */
    synchronized long replaced() {
        return replaced;
    }

    /** Replies dropped because the outbox was full. */
    synchronized long droppedReplies() {
        return droppedReplies;
    }

    /**
     * States dropped because the outbox was full: states of subscriptions no longer held, or (only if
     * {@code maxPending} does not exceed the number of subscriptions) the oldest state.
     */
    synchronized long droppedStates() {
        return droppedStates;
    }
}
