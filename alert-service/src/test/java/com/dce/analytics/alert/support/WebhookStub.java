package com.dce.analytics.alert.support;

import com.dce.analytics.events.EventJson;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP server standing in for Slack's incoming webhooks or PagerDuty's Events API: records
 * every request body and answers as scripted (by default Slack's {@code 200 ok} or PagerDuty's
 * {@code 202}).
 */
public final class WebhookStub implements AutoCloseable {

    public record Received(String path, JsonNode body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile int defaultStatus;
    private final String okBody;

    private WebhookStub(int defaultStatus, String okBody) throws IOException {
        this.defaultStatus = defaultStatus;
        this.okBody = okBody;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    EventJson.mapper().readTree(new String(body, StandardCharsets.UTF_8))));
            int status = next();
            byte[] answer = (status < 300 ? okBody : "{\"status\":\"error\",\"message\":\"stub failure\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public static WebhookStub slack() throws IOException {
        return new WebhookStub(200, "ok");
    }

    public static WebhookStub pagerDuty() throws IOException {
        return new WebhookStub(202, "{\"status\":\"success\",\"message\":\"Event processed\"}");
    }

    private synchronized int next() {
        Integer scripted = script.poll();
        return scripted != null ? scripted : defaultStatus;
    }

    /** The next {@code times} requests are answered with {@code status}. */
    public synchronized void fail(int times, int status) {
        for (int i = 0; i < times; i++) {
            script.add(status);
        }
    }

    public synchronized void answerAlways(int status) {
        script.clear();
        defaultStatus = status;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
