package com.dce.analytics.alert.support;

import com.dce.analytics.alert.AlertServiceApplication;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * One running alert-service (the real application, on a free port) with the test's clock; tests
 * start one or several side by side against the same database.
 */
public final class AlertServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private AlertServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static AlertServiceInstance start(Clock clock, Map<String, String> properties) {
        SpringApplication app = AlertServiceApplication.application();
        app.addInitializers(ctx -> ((GenericApplicationContext) ctx)
                .registerBean("testClock", Clock.class, () -> clock, bd -> bd.setPrimary(true)));
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--spring.main.banner-mode=off");
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new AlertServiceInstance(app.run(args.toArray(String[]::new)));
    }

    public int port() {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException("no web server port");
        }
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
