package com.dce.analytics.query.support;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.query.QueryApiApplication;
import com.dce.analytics.store.access.Role;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One query-api per test JVM, started like production (its own {@code query.yml}) on a free port
 * against the shared PostgreSQL and Redis, with a bootstrap admin key, a short proxy timeout and a
 * JDK {@link HttpServer} standing in for alert-service (report-service points at a closed port).
 */
public final class RunningApi {

    private static RunningApi instance;

    private final ConfigurableApplicationContext context;
    private final String baseUrl;
    private final String adminKey;
    private final String grafanaKey;
    private final HttpServer alertStub;
    private final int closedPort;

    private RunningApi() throws IOException {
        TestStores stores = TestStores.get();
        adminKey = "it-admin-" + UUID.randomUUID();
        grafanaKey = "it-grafana-" + UUID.randomUUID();
        alertStub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertStub.start();
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("spring.datasource.url", SharedInfrastructure.postgres().jdbcUrl());
        props.put("spring.datasource.username", SharedInfrastructure.postgres().username());
        props.put("spring.datasource.password", SharedInfrastructure.postgres().password());
        props.put("analytics.redis.url", stores.redisUrl());
        props.put("analytics.security.bootstrap-admin-key", adminKey);
        props.put("analytics.security.grafana-key", grafanaKey);
        props.put(
                "analytics.console.alert-service-url",
                "http://127.0.0.1:" + alertStub.getAddress().getPort());
        props.put("analytics.console.report-service-url", "http://127.0.0.1:" + closedPort);
        props.put("analytics.console.proxy-timeout", "2s");
        props.put("analytics.targets.daily-revenue", "5000");
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = QueryApiApplication.application().run(args);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        baseUrl = "http://127.0.0.1:" + port;
    }

    public static synchronized RunningApi get() {
        if (instance == null) {
            try {
                instance = new RunningApi();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String wsUrl() {
        return baseUrl.replace("http://", "ws://");
    }

    public String adminKey() {
        return adminKey;
    }

    /** The key registered at start-up from {@code analytics.security.grafana-key}. */
    public String grafanaKey() {
        return grafanaKey;
    }

    /** Issues a key straight in the store (as an admin would through the API). */
    public String issueKey(String name, Role... roles) {
        return TestStores.get().keys().issue(name, Set.of(roles), "it").secret();
    }

    public HttpServer alertStub() {
        return alertStub;
    }

    public int closedPort() {
        return closedPort;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
