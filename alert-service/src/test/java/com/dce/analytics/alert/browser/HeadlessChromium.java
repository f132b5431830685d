package com.dce.analytics.alert.browser;

import com.dce.analytics.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: no
 * WebDriver, no downloaded browser. Starts with a fresh profile, opens one page, evaluates
 * JavaScript in it and collects uncaught exceptions.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final List<String> CANDIDATES =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        return Stream.concat(Stream.ofNullable(configured), CANDIDATES.stream())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    HeadlessChromium(Path binary) throws Exception {
        profile = Files.createTempDirectory("alert-console-chromium-");
        process = new ProcessBuilder(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        int port = debuggingPort();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = EventJson.mapper()
                .readTree(http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
        String page = targets.values().stream()
                .filter(t -> t.get("type").stringValue().equals("page"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Chromium opened no page"))
                .get("webSocketDebuggerUrl")
                .stringValue();
        socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(page), new Listener())
                .get(20, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
    }

    /** Chromium writes the port it chose into the profile once it listens. */
    private int debuggingPort() throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Chromium exited: " + Files.readString(profile.resolve("chromium.log")));
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.getFirst().isBlank()) {
                    return Integer.parseInt(lines.getFirst().trim());
                }
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Chromium did not open its debugging port");
    }

    JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", EventJson.mapper().valueToTree(params));
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.get("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed", e);
        }
    }

    void open(String url) {
        loaded = new CompletableFuture<>();
        call("Page.navigate", Map.of("url", url));
        loaded.orTimeout(30, TimeUnit.SECONDS).join();
    }

    void reload() {
        loaded = new CompletableFuture<>();
        call("Page.reload", Map.of());
        loaded.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Evaluates an expression in the page (promises are awaited) and returns its value. */
    JsonNode eval(String expression) {
        JsonNode result =
                call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("in page: " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value");
    }

    String text(String expression) {
        JsonNode v = eval(expression);
        return v == null || v.isNull() ? null : v.asString();
    }

    List<String> exceptions() {
        return new ArrayList<>(exceptions);
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = EventJson.mapper().readTree(partial.toString());
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> f =
                            pending.remove(message.get("id").intValue());
                    if (f != null) {
                        f.complete(message);
                    }
                } else if (message.has("method")) {
                    switch (message.get("method").stringValue()) {
                        case "Page.loadEventFired" -> loaded.complete(null);
                        case "Runtime.exceptionThrown" ->
                            exceptions.add(message.get("params").toString());
                        default -> {}
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    static Duration patience() {
        return Duration.ofSeconds(20);
    }
}
