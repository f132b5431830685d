package com.dce.analytics.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

class OutboxTest {

    @Test
    void shouldNeverBlockTheCallerAndKeepOnlyTheNewestUpdatePerSubscriptionWhileASendIsStuck() throws Exception {
        // given a session whose first send blocks (a client that stopped reading)
        CountDownLatch unblock = new CountDownLatch(1);
        List<String> sent = new CopyOnWriteArrayList<>();
        WebSocketSession session = mock(WebSocketSession.class);
        doAnswer(inv -> {
                    WebSocketMessage<?> m = inv.getArgument(0);
                    if (sent.isEmpty()) {
                        unblock.await(30, TimeUnit.SECONDS);
                    }
                    sent.add((String) m.getPayload());
                    return null;
                })
                .when(session)
                .sendMessage(any());
        ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor();
        Outbox outbox = new Outbox(session, sender, 3);

        // when many updates of two subscriptions and replies arrive while the first send is stuck
        outbox.offer("a", new TextMessage("a0"));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.stalled(0));
        long started = System.nanoTime();
        for (int i = 1; i <= 1000; i++) {
            outbox.offer("a", new TextMessage("a" + i));
            outbox.offer("b", new TextMessage("b" + i));
        }
        outbox.offer("r1", new TextMessage("r1"));
        outbox.offer("r2", new TextMessage("r2"));

        // then offering did not wait for the stuck send, and at most 3 messages are held
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(outbox.pending()).isEqualTo(3);
        assertThat(outbox.replaced()).isEqualTo(1998);
        assertThat(outbox.dropped()).isEqualTo(1);
        assertThat(outbox.stalled(TimeUnit.MILLISECONDS.toNanos(1))).isTrue();

        // when the client reads again, the newest state of what is left goes out, oldest first
        unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 4);
        assertThat(sent).containsExactly("a0", "b1000", "r1", "r2");
        assertThat(outbox.stalled(0)).isFalse();
        sender.shutdownNow();
    }
}
