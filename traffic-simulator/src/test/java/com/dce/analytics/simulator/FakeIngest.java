package com.dce.analytics.simulator;

import com.dce.analytics.events.EventJson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for ingest-service's batch endpoint on a real local HTTP server: checks the API key
 * and that the body parses as the declared content type, records the event ids it accepted, and
 * answers with scripted statuses first (e.g. 503 with Retry-After) and then 200 with counts.
 */
final class FakeIngest implements AutoCloseable {

    /** A scripted answer: status, Retry-After header (null for none) and body. */
    record Answer(int status, String retryAfter, String body) {}

    static final String API_KEY = "test-key";

    final List<String> acceptedIds = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    final List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());
    /** Nano times of every request, in arrival order. */
    final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private volatile int rejectPerBatch;
    private final AtomicInteger failOnce = new AtomicInteger();

    FakeIngest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/events/batch", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answerFirst(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** For the next batch only, store all but the first {@code count} events and report those as retryable failures. */
    void failFirstEventsOnce(int count) {
        failOnce.set(count);
    }

    /** From now on, report the first event of every batch as rejected (207). */
    void rejectOnePerBatch() {
        rejectPerBatch = 1;
    }

    private void handle(HttpExchange exchange) throws IOException {
        arrivals.add(System.nanoTime());
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        contentTypes.add(contentType);
        if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
            respond(exchange, 401, null, "{\"error\":\"unauthorized\"}");
            return;
        }
        Answer scripted = script.poll();
        if (scripted != null) {
            respond(exchange, scripted.status(), scripted.retryAfter(), scripted.body());
            return;
        }
        List<String> ids;
        try {
            ids = eventIds(contentType, body);
        } catch (RuntimeException e) {
            problems.add(contentType + ": " + e.getMessage());
            respond(exchange, 400, null, "{\"error\":\"unreadable\"}");
            return;
        }
        int failed = Math.min(failOnce.getAndSet(0), ids.size());
        if (failed > 0) {
            acceptedIds.addAll(ids.subList(failed, ids.size()));
            String results = IntStream.range(0, failed)
                    .mapToObj("{\"index\":%d,\"status\":\"failed\",\"retryable\":true}"::formatted)
                    .collect(Collectors.joining(","));
            String answer = "{\"accepted\":%d,\"rejected\":0,\"failed\":%d,\"results\":[%s]}"
                    .formatted(ids.size() - failed, failed, results);
            respond(exchange, 207, "1", answer);
            return;
        }
        int rejected = Math.min(rejectPerBatch, ids.size());
        acceptedIds.addAll(ids.subList(rejected, ids.size()));
        int status = rejected > 0 ? 207 : 200;
        respond(
                exchange,
                status,
                null,
                "{\"accepted\":%d,\"rejected\":%d,\"results\":[]}".formatted(ids.size() - rejected, rejected));
    }

    private static List<String> eventIds(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        switch (contentType) {
            case "application/json" -> {
                JsonNode array = EventJson.mapper().readTree(text);
                if (!array.isArray()) {
                    throw new IllegalArgumentException("not a JSON array");
                }
                array.forEach(events::add);
            }
            case "application/x-ndjson" -> {
                for (String line : text.split("\n")) {
                    JsonNode event = EventJson.mapper().readTree(line);
                    if (!event.isObject()) {
                        throw new IllegalArgumentException("line is not a JSON object");
                    }
                    events.add(event);
                }
            }
            default -> throw new IllegalArgumentException("unexpected content type");
        }
        return events.stream().map(e -> e.get("event_id").stringValue()).toList();
    }

    private static void respond(HttpExchange exchange, int status, String retryAfter, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
