package com.dce.analytics.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;

class OutboxTest {

    private final ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        unblock.countDown();
        sender.shutdownNow();
    }

    /** A client whose first read blocks until {@link #unblock} (it stopped reading), then reads everything. */
    private Outbox.Sink stuckClient() {
        return m -> {
            if (sent.isEmpty()) {
                try {
                    unblock.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(m.getPayload());
        };
    }

    private static TextMessage text(String s) {
        return new TextMessage(s);
    }

    @Test
    void shouldNeverBlockTheCallerKeepTheNewestStatePerSubscriptionAndDropRepliesFirst() {
        // given an outbox for 3 messages whose first send blocks, subscriptions a and b held
        Outbox outbox = new Outbox(stuckClient(), sender, 3, Set.of("a", "b")::contains);
        outbox.offer("a", text("a0"));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.stalled(0));

        // when many states of both subscriptions and two replies arrive while the send is stuck
        long started = System.nanoTime();
        for (int i = 1; i <= 1000; i++) {
            outbox.offer("a", text("a" + i));
            outbox.offer("b", text("b" + i));
        }
        outbox.reply(text("r1"));
        outbox.reply(text("r2"));

        // then offering did not wait, 3 messages are held, and the older reply (newer than both
        // states) is what went, not a state
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(outbox.pending()).isEqualTo(3);
        assertThat(outbox.replaced()).isEqualTo(1998);
        assertThat(outbox.droppedReplies()).isEqualTo(1);
        assertThat(outbox.droppedStates()).isZero();
        assertThat(outbox.stalled(TimeUnit.MILLISECONDS.toNanos(1))).isTrue();

        // when the client reads again, the newest state of each subscription goes out in queue order
        unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 4);
        assertThat(sent).containsExactly("a0", "a1000", "b1000", "r2");
        assertThat(outbox.stalled(0)).isFalse();
    }

    @Test
    void shouldNeverLoseTheLatestStateOfAHeldSubscriptionUnderOverflowAndStayBounded() {
        // given an outbox sized like the hub's (subscriptions + reply room) for a stuck client that
        // holds 8 subscriptions, and states still arriving for 6 it has unsubscribed from
        int held = 8;
        int maxPending = held + 4;
        Set<String> current = new LinkedHashSet<>();
        for (int i = 0; i < held; i++) {
            current.add("held-" + i);
        }
        Outbox outbox = new Outbox(stuckClient(), sender, maxPending, current::contains);
        outbox.reply(text("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.stalled(0));

        // when 200,000 random states (held and stale) and replies arrive while the send is stuck
        Random random = new Random(42);
        Map<String, String> latest = new HashMap<>();
        List<String> replies = new ArrayList<>();
        int maxSeen = 0;
        for (int i = 0; i < 200_000; i++) {
            int pick = random.nextInt(20);
            if (pick < 8) {
                String key = "held-" + pick;
                latest.put(key, key + "#" + i);
                outbox.offer(key, text(key + "#" + i));
            } else if (pick < 14) {
                String key = "stale-" + (pick - 8);
                outbox.offer(key, text(key + "#" + i));
            } else {
                outbox.reply(text("reply#" + i));
                replies.add("reply#" + i);
            }
            maxSeen = Math.max(maxSeen, outbox.pending());
        }

        // then it never held more than its limit, and what it dropped were replies and stale states
        assertThat(maxSeen).isEqualTo(maxPending);
        assertThat(outbox.pending()).isEqualTo(maxPending);
        assertThat(outbox.droppedReplies()).isPositive();
        assertThat(outbox.droppedStates()).isPositive();

        // when the client reads again, every held subscription's newest state arrives exactly once
        unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1 + maxPending);
        List<String> after = sent.subList(1, sent.size());
        for (String key : current) {
            List<String> ofKey = new ArrayList<>(
                    after.stream().filter(m -> m.startsWith(key + "#")).toList());
            assertThat(ofKey).as(key).containsExactly(latest.get(key));
        }
        // and the rest of the room went to the newest replies, in order: stale states went first (at
        // most the one offered after the last overflow is left)
        List<String> keptReplies =
                after.stream().filter(m -> m.startsWith("reply#")).toList();
        long keptStale = after.stream().filter(m -> m.startsWith("stale-")).count();
        assertThat(keptStale).isLessThanOrEqualTo(1);
        assertThat(keptReplies).hasSize(maxPending - held - (int) keptStale);
        assertThat(keptReplies).isEqualTo(replies.subList(replies.size() - keptReplies.size(), replies.size()));
        assertThat(outbox.droppedReplies()).isEqualTo(replies.size() - keptReplies.size());
    }

    @Test
    void shouldDropAStateOfAnUnsubscribedSubscriptionWhenDiscarded() {
        // given a stuck client with the pending state of two subscriptions
        Outbox outbox = new Outbox(stuckClient(), sender, 10, k -> true);
        outbox.reply(text("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.stalled(0));
        outbox.offer("a", text("a1"));
        outbox.offer("b", text("b1"));

        // when the client unsubscribes from a
        outbox.discard("a");

        // then only b's state is still sent
        assertThat(outbox.pending()).isEqualTo(1);
        unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2);
        assertThat(sent).containsExactly("first", "b1");
    }

    @Test
    void shouldStopSendingOnceTheSinkFails() {
        // given a client whose connection is gone
        Outbox outbox = new Outbox(
                m -> {
                    throw new java.io.IOException("broken pipe");
                },
                sender,
                10,
                k -> true);

        // when a state is offered, the send fails and the outbox closes: nothing more is held
        outbox.offer("a", text("a1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.pending() == 0);
        outbox.offer("a", text("a2"));
        outbox.reply(text("r"));
        assertThat(outbox.pending()).isZero();
        assertThat(outbox.sent()).isZero();
    }
}
