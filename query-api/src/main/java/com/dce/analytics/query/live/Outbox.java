package com.dce.analytics.query.live;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What is still to be sent to one WebSocket session, and the one sender that sends it. Pending
 * updates are keyed by subscription: a newer update of the same subscription replaces an unsent
 * older one (coalescing), so a slow client holds at most one update per subscription, and the
 * oldest entries go first when even that is too much. Sending happens on the outbox's own (virtual)
 * thread, so a client that does not read blocks only itself; the hub closes sessions whose send
 * has been stuck longer than the limit.
 */
final class Outbox {

    private final WebSocketSession session;
    private final Executor sender;
    private final int maxPending;
    private final LinkedHashMap<String, TextMessage> pending = new LinkedHashMap<>();
    private boolean draining;
    private boolean closed;
    private volatile long sendingSince;
    private long sent;
    private long replaced;
    private long dropped;

    Outbox(WebSocketSession session, Executor sender, int maxPending) {
        this.session = session;
        this.sender = sender;
        this.maxPending = maxPending;
    }

    /** Queues a message; one with the same key that is not sent yet is replaced. */
    void offer(String key, TextMessage message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending.remove(key) != null) {
                replaced++;
            }
            pending.put(key, message);
            Iterator<Map.Entry<String, TextMessage>> oldest = pending.entrySet().iterator();
            while (pending.size() > maxPending && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
                dropped++;
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        sender.execute(this::drain);
    }

    private void drain() {
        while (true) {
            TextMessage next;
            synchronized (this) {
                Iterator<TextMessage> it = pending.values().iterator();
                if (closed || !it.hasNext()) {
                    draining = false;
                    return;
                }
                next = it.next();
                it.remove();
            }
            sendingSince = System.nanoTime();
            try {
                session.sendMessage(next);
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
    }

    synchronized int pending() {
        return pending.size();
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long replaced() {
        return replaced;
    }

    synchronized long dropped() {
        return dropped;
    }
}
