package com.dce.analytics.report.api;

import com.dce.analytics.events.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium (Debian's /usr/bin/chromium, never a downloaded build) driven over the Chrome
 * DevTools Protocol with the JDK's WebSocket client: navigate, evaluate JavaScript, screenshot.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    static Optional<Path> find() {
        return Files.isExecutable(BINARY) ? Optional.of(BINARY) : Optional.empty();
    }

    Chromium() throws Exception {
        profile = Files.createTempDirectory("chromium-profile-");
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "--remote-allow-origins=*",
                        "--window-size=1400,2200",
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String browserWs = devToolsUrl();
        int port = URI.create(browserWs).getPort();
        HttpClient http = HttpClient.newHttpClient();
        String pageWs = null;
        Instant deadline = Instant.now().plusSeconds(20);
        while (pageWs == null && Instant.now().isBefore(deadline)) {
            JsonNode targets = EventJson.mapper()
                    .readTree(http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            for (JsonNode t : targets) {
                if (t.get("type").asString().equals("page")) {
                    pageWs = t.get("webSocketDebuggerUrl").asString();
                }
            }
        }
        if (pageWs == null) {
            throw new IllegalStateException("Chromium has no page target");
        }
        socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageWs), new Listener())
                .get(20, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
    }

    private String devToolsUrl() throws IOException {
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.contains("DevTools listening on") && at >= 0) {
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        while (err.readLine() != null) {
                            // drain
                        }
                    } catch (IOException ignored) {
                        // browser gone
                    }
                });
                return line.substring(at).trim();
            }
        }
        throw new IllegalStateException("Chromium exited before opening DevTools");
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode msg = EventJson.mapper().createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", EventJson.mapper().valueToTree(params));
        socket.sendText(EventJson.mapper().writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode answer = reply.get(30, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitFor(() -> "complete".equals(evalQuiet("document.readyState")), Duration.ofSeconds(20), "page load");
    }

    /** Evaluates an expression (awaiting a promise) and returns its value as a string. */
    String eval(String expression) throws Exception {
        JsonNode result =
                call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
        }
        JsonNode value = result.get("result").get("value");
        return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
    }

    private String evalQuiet(String expression) {
        try {
            return eval(expression);
        } catch (Exception e) {
            return null;
        }
    }

    void waitFor(BooleanSupplier condition, Duration timeout, String what) {
        org.awaitility.Awaitility.await(what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    boolean truthy(String expression) {
        return "true".equals(evalQuiet("Boolean(" + expression + ")"));
    }

    byte[] screenshot() throws Exception {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode(r.get("data").asString());
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonNode msg = EventJson.mapper().readTree(buffer.toString());
                buffer.setLength(0);
                if (msg.has("id")) {
                    CompletableFuture<JsonNode> reply =
                            pending.remove(msg.get("id").asInt());
                    if (reply != null) {
                        reply.complete(msg);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
