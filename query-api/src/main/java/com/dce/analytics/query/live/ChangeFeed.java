package com.dce.analytics.query.live;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.SeriesChange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import tools.jackson.core.type.TypeReference;

/**
 * The one subscription of this process to the hot tier's changes channel
 * ({@link HotStoreSettings#changesChannel()}, a JSON array of {@link SeriesChange} per write
 * batch of the aggregator's sink). Tells the {@link LiveHub} which base series changed; reconnects
 * with a growing pause when Redis goes away.
 */
final class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final TypeReference<List<SeriesChange>> CHANGES = new TypeReference<>() {};

    private final RedisClient redis;
    private final String channel;
    private final LiveHub hub;
    private final JedisPubSub pubSub = new JedisPubSub() {
        @Override
        public void onMessage(String ch, String message) {
            received(message);
        }
    };
    private volatile boolean running;
    private Thread thread;

    ChangeFeed(RedisClient redis, HotStoreSettings settings, LiveHub hub) {
        this.redis = redis;
        this.channel = settings.changesChannel();
        this.hub = hub;
    }

    void received(String message) {
        try {
            List<SeriesChange> changes = EventJson.mapper().readValue(message, CHANGES);
            Set<String> series = new HashSet<>();
            for (SeriesChange c : changes) {
                series.add(c.series());
            }
            hub.changed(series);
        } catch (RuntimeException e) {
            log.warn("ignoring an unreadable notice on {}: {}", channel, e.toString());
        }
    }

    private void listen() {
        long pauseMs = 100;
        while (running) {
            try {
                redis.subscribe(pubSub, channel);
                pauseMs = 100;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("changes channel {} lost ({}); retrying in {} ms", channel, e.toString(), pauseMs);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
                pauseMs = Math.min(pauseMs * 2, 10_000);
            }
        }
    }

    /** True once the subscription is active (tests wait for it before publishing). */
    boolean subscribed() {
        return pubSub.isSubscribed();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("live-changes").daemon().start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
        } catch (RuntimeException e) {
            log.debug("unsubscribing: {}", e.toString());
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
