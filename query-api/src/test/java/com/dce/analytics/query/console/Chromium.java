package com.dce.analytics.query.console;

import static org.awaitility.Awaitility.await;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with the JDK's own HTTP and
 * WebSocket clients: navigate, and evaluate JavaScript in the page. Started with the flags that
 * work on a machine without network access, a fresh profile, and a free debugging port.
 */
final class Chromium implements AutoCloseable {

    private static final List<String> CANDIDATES =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        return Stream.concat(Stream.ofNullable(configured), CANDIDATES.stream())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    Chromium(Path binary) throws IOException {
        profile = Files.createTempDirectory("cea-chromium");
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
                        "--remote-allow-origins=*",
                        "--remote-debugging-port=0",
                        "--window-size=1400,1200",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(portFile) && Files.size(portFile) > 0);
        int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().trim());
        HttpClient http = HttpClient.newHttpClient();
        String wsUrl = await().atMost(Duration.ofSeconds(10)).until(() -> pageSocket(http, port), u -> u != null);
        page = http.newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl), new Listener())
                .join();
    }

    private static String pageSocket(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> list = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : EventJson.mapper().readTree(list.body())) {
            if (target.path("type").asString("").equals("page")) {
                return target.get("webSocketDebuggerUrl").asString();
            }
        }
        return null;
    }

    /** Sends one DevTools command and waits for its result. */
    JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", EventJson.mapper().valueToTree(params));
        page.sendText(message.toString(), true).join();
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    void navigate(String url) {
        send("Page.navigate", Map.of("url", url));
    }

    /** Evaluates an expression in the page and returns its JSON value (null when undefined). */
    JsonNode evaluate(String expression) {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        JsonNode value = r.path("result").path("result").get("value");
        return value;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonNode message = EventJson.mapper().readTree(buffer.toString());
                buffer.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> f =
                            pending.get(message.get("id").asInt());
                    if (f != null) {
                        f.complete(message);
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        page.abort();
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
}
