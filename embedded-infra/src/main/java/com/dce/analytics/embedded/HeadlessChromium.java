package com.dce.analytics.embedded;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with the JDK's own HTTP and WebSocket
 * clients: no WebDriver, no downloaded browser. Each instance starts its own browser with a fresh
 * temporary profile and a free debugging port, attaches to its one page, and offers navigation,
 * JavaScript evaluation, the page's uncaught exceptions, polling waits and screenshots. For browser
 * tests of the web console; {@link #find()} and {@link #notFoundReason()} let a test skip, saying
 * why, on a machine without a browser.
 *
 * <p>Not thread-safe beyond what a test needs: commands may be sent from a polling thread while the
 * test thread waits.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Environment variable naming the browser binary; looked at before {@link #CANDIDATES}. */
    public static final String ENV = "CHROMIUM";

    /** Where a browser is looked for when {@value #ENV} does not name one. */
    public static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"));

    /** Window size unless the constructor is given one. */
    public static final int DEFAULT_WIDTH = 1400;

    public static final int DEFAULT_HEIGHT = 1200;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final List<ProcessHandle> children = new ArrayList<>();
    private final Path profile;
    private final WebSocket socket;
    private final Object sending = new Object();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile Throwable disconnected;

    /**
     * The browser to use: the executable named by {@value #ENV} if set, else the first executable of
     * {@link #CANDIDATES}; empty when there is none.
     */
    public static Optional<Path> find() {
        return Stream.concat(Stream.ofNullable(System.getenv(ENV)).map(Path::of), CANDIDATES.stream())
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Why {@link #find()} found nothing, for a test's skip message. */
    public static String notFoundReason() {
        String configured = System.getenv(ENV);
        String env = configured == null ? "$" + ENV + " (not set)" : "$" + ENV + "=" + configured + " (not executable)";
        return "no Chromium found (looked at " + env + ", "
                + String.join(", ", CANDIDATES.stream().map(Path::toString).toList())
                + "): install it with 'apt-get install -y chromium' or set " + ENV
                + " to a Chromium/Chrome binary; browser test skipped";
    }

    /** Starts {@code binary} headless with a {@value #DEFAULT_WIDTH}×{@value #DEFAULT_HEIGHT} window. */
    public HeadlessChromium(Path binary) throws IOException {
        this(binary, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Starts {@code binary} headless with the given window size, on {@code about:blank}. */
    public HeadlessChromium(Path binary, int width, int height) throws IOException {
        profile = Files.createTempDirectory("headless-chromium-");
        Path log = profile.resolve("chromium.log");
        try {
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
                            "--remote-allow-origins=*",
                            "--remote-debugging-port=0",
                            "--window-size=" + width + "," + height,
                            "--user-data-dir=" + profile,
                            "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException | RuntimeException e) {
            deleteProfile();
            throw e;
        }
        try {
            HttpClient http = HttpClient.newHttpClient();
            String page = pageSocket(http, debuggingPort());
            socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(page), new Listener())
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopBrowser();
            throw new InterruptedIOException("interrupted while starting Chromium");
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            String output = readQuietly(log);
            stopBrowser();
            throw new IOException("Chromium (" + binary + ") did not start: " + e.getMessage() + output, e);
        }
        try {
            call("Page.enable", Map.of());
            call("Runtime.enable", Map.of());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Chromium writes the port it chose into the profile once it listens. */
    private int debuggingPort() throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.getFirst().isBlank()) {
                    return Integer.parseInt(lines.getFirst().trim());
                }
            }
            if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IOException("Chromium exited with status " + process.exitValue());
            }
        }
        throw new IOException("Chromium did not open its debugging port within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** The DevTools WebSocket of the page Chromium opened (it may take a moment to be listed). */
    private String pageSocket(HttpClient http, int port) throws IOException, InterruptedException {
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            JsonNode targets = JSON.readTree(
                    http.send(list, HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asString("")) && target.hasNonNull("webSocketDebuggerUrl")) {
                    return target.get("webSocketDebuggerUrl").asString();
                }
            }
            if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IOException("Chromium exited with status " + process.exitValue());
            }
        }
        throw new IOException("Chromium opened no page within " + START_TIMEOUT.toSeconds() + " s");
    }

    /**
     * Sends one DevTools command to the page and waits for its reply.
     *
     * @return the reply's {@code result}
     * @throws IllegalStateException if the browser answers with an error, does not answer within 30
     *     s, or has gone
     */
    public JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            if (disconnected != null) {
                throw new IllegalStateException("Chromium's DevTools connection is closed", disconnected);
            }
            ObjectNode message = JSON.createObjectNode();
            message.put("id", id);
            message.put("method", method);
            message.set("params", JSON.valueToTree(params));
            synchronized (sending) {
                // the WebSocket allows one outstanding send at a time
                socket.sendText(message.toString(), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Opens {@code url} in the page and waits (up to 30 s) for its load event; a navigation that only
     * changes the fragment does not load a new document and returns at once.
     *
     * @throws IllegalStateException if the navigation fails (e.g. connection refused) or the page does
     *     not load in time
     */
    public void navigate(String url) {
        loaded = new CompletableFuture<>();
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigating to " + url + " failed: "
                    + result.get("errorText").asString());
        }
        if (result.hasNonNull("loaderId")) {
            awaitLoad("loading " + url);
        }
    }

    /** Reloads the page and waits (up to 30 s) for its load event. */
    public void reload() {
        loaded = new CompletableFuture<>();
        call("Page.reload", Map.of());
        awaitLoad("reloading the page");
    }

    private void awaitLoad(String what) {
        try {
            loaded.get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    what + ": no load event within " + LOAD_TIMEOUT.toSeconds() + " s (" + e + ")", e);
        }
    }

    /**
     * Evaluates a JavaScript expression in the page (a promise is awaited) and returns its value as
     * JSON: {@code null} when the value is {@code undefined}.
     *
     * @throws IllegalStateException if the expression throws in the page
     */
    public JsonNode eval(String expression) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("expression", expression);
        params.put("returnByValue", true);
        params.put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(
                    "JavaScript failed: " + describe(result.get("exceptionDetails")) + " in: " + expression);
        }
        return result.path("result").get("value");
    }

    /**
     * {@link #eval} as text: a string value as is, any other value as its JSON, {@code null} when
     * {@code null} or {@code undefined}.
     */
    public String text(String expression) {
        JsonNode value = eval(expression);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.asString() : value.toString();
    }

    /**
     * Whether {@code Boolean(expression)} is true in the page; {@code false} also when evaluating it
     * fails (e.g. while a page is being replaced), so it suits {@link #waitFor} conditions.
     */
    public boolean truthy(String expression) {
        try {
            JsonNode value = eval("Boolean(" + expression + ")");
            return value != null && value.asBoolean(false);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The uncaught exceptions thrown in the page so far ({@code Runtime.exceptionThrown}), oldest first. */
    public List<String> exceptions() {
        return List.copyOf(exceptions);
    }

    /**
     * Polls {@code condition} every 100 ms until it holds; an exception it throws is passed on.
     *
     * @param what what is awaited, for the failure message
     * @throws IllegalStateException if it does not hold within {@code timeout}, or the browser exits
     */
    public void waitFor(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(
                            "Chromium exited (status " + process.exitValue() + ") while waiting for " + what);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** A PNG of the whole page, beyond the window too. */
    public byte[] screenshot() {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return Base64.getDecoder().decode(r.get("data").asString());
    }

    /** Stops the browser (and its helper processes) and deletes its profile. */
    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            stopBrowser();
        }
    }

    private void stopBrowser() {
        process.descendants().forEach(children::add);
        process.destroy();
        boolean interrupted = false;
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        // renderer and helper processes normally exit with the browser; make sure none is left
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteProfile();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteProfile() {
        deleteSingletonDir();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the Chromium profile " + profile, e);
        }
    }

    /**
     * Chromium keeps its single-instance socket in a directory of its own under the temp dir
     * ({@code org.chromium.Chromium.XXXXXX}), linked from the profile, and leaves it behind when
     * terminated: remove it with the profile.
     */
    private void deleteSingletonDir() {
        Path link = profile.resolve("SingletonSocket");
        try {
            if (!Files.isSymbolicLink(link)) {
                return;
            }
            Path dir = Files.readSymbolicLink(link).getParent();
            if (dir == null || !dir.isAbsolute()) {
                return;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    if (entry.getFileName().toString().startsWith("Singleton")) {
                        Files.deleteIfExists(entry);
                    }
                }
            }
            Files.deleteIfExists(dir); // fails, and is left, if anything else is in it
        } catch (IOException e) {
            // best effort: a leftover socket directory is harmless
        }
    }

    private static String readQuietly(Path log) {
        try {
            String output = Files.readString(log).strip();
            return output.isEmpty() ? "" : "; its output:\n" + output;
        } catch (IOException e) {
            return "";
        }
    }

    /** "Uncaught TypeError: … (url:line:column)" from a DevTools {@code ExceptionDetails}. */
    private static String describe(JsonNode details) {
        String text = details.path("exception").path("description").asString(null);
        if (text == null) {
            text = details.path("text").asString("exception");
        }
        String url = details.path("url").asString("");
        return url.isEmpty()
                ? text
                : text + " (" + url + ":" + (details.path("lineNumber").asInt() + 1) + ":"
                        + (details.path("columnNumber").asInt() + 1) + ")";
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> reply =
                            pending.get(message.get("id").asInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                } else if (message.has("method")) {
                    switch (message.get("method").asString()) {
                        case "Page.loadEventFired" -> loaded.complete(null);
                        case "Runtime.exceptionThrown" ->
                            exceptions.add(describe(message.path("params").path("exceptionDetails")));
                        default -> {}
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            gone(new IllegalStateException("DevTools connection closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            gone(error);
        }

        private void gone(Throwable cause) {
            disconnected = cause;
            pending.values().forEach(f -> f.completeExceptionally(cause));
            loaded.completeExceptionally(cause);
        }
    }
}
