package com.dce.analytics.alert.system;

import org.springframework.context.SmartLifecycle;

/**
 * A daemon thread that runs {@link #loop()} while the application context is running: started
 * with the context (unless disabled by configuration), interrupted and joined on stop.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private final String threadName;
    private final boolean enabled;
    private volatile boolean running;
    private Thread thread;

    protected BackgroundLoop(String threadName, boolean enabled) {
        this.threadName = threadName;
        this.enabled = enabled;
    }

    /** Runs until {@link #isRunning()} turns false or the thread is interrupted. */
    protected abstract void loop();

    @Override
    public synchronized void start() {
        if (!enabled || running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name(threadName).start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
