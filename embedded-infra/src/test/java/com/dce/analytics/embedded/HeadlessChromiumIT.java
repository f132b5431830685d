package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared headless Chromium against a tiny page served by the JDK's HTTP server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HeadlessChromiumIT {

    private static final String PAGE = """
            <!doctype html>
            <html><head><title>t</title></head>
            <body><p id="greeting">Hello</p>
            <button id="boom" onclick="setTimeout(() => { throw new TypeError('kaput'); })">boom</button>
            <script>window.loads = (Number(sessionStorage.getItem('loads')) || 0) + 1;
            sessionStorage.setItem('loads', window.loads);</script>
            </body></html>
            """;

    private static HttpServer server;
    private static String url;

    @BeforeAll
    static void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/page.html";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Path browser() {
        Optional<Path> found = HeadlessChromium.find();
        Assumptions.assumeTrue(found.isPresent(), HeadlessChromium.notFoundReason());
        return found.get();
    }

    @Test
    void shouldNavigateEvaluateAndReload() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium(browser())) {
            chromium.navigate(url);

            assertThat(chromium.text("document.getElementById('greeting').textContent"))
                    .isEqualTo("Hello");
            assertThat(chromium.eval("1 + 2").asInt()).isEqualTo(3);
            assertThat(chromium.text("40 + 2")).isEqualTo("42");
            assertThat(chromium.text("({a: [1, 'x']})")).isEqualTo("{\"a\":[1,\"x\"]}");
            assertThat(chromium.eval("undefined")).isNull();
            assertThat(chromium.text("null")).isNull();
            assertThat(chromium.text("Promise.resolve('awaited')")).isEqualTo("awaited");
            assertThat(chromium.eval("[window.innerWidth, window.innerHeight]")
                            .get(0)
                            .asInt())
                    .isEqualTo(HeadlessChromium.DEFAULT_WIDTH);
            assertThat(chromium.truthy("document.getElementById('greeting')")).isTrue();
            assertThat(chromium.truthy("document.getElementById('missing')")).isFalse();
            assertThat(chromium.truthy("no.such.thing")).isFalse();
            assertThatThrownBy(() -> chromium.eval("no.such.thing"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ReferenceError");

            // a fragment-only navigation keeps the document and does not wait for a load event
            chromium.navigate(url + "#key=abc");
            assertThat(chromium.text("location.hash")).isEqualTo("#key=abc");
            assertThat(chromium.eval("window.loads").asInt()).isEqualTo(1);

            chromium.reload();
            assertThat(chromium.eval("window.loads").asInt()).isEqualTo(2);
            assertThat(chromium.screenshot()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(chromium.exceptions()).isEmpty();
        }
    }

    @Test
    void shouldCollectPageExceptionsAndExplainATimedOutWait() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium(browser(), 800, 600)) {
            chromium.navigate(url);
            assertThat(chromium.eval("window.innerWidth").asInt()).isEqualTo(800);

            chromium.eval("document.getElementById('boom').click()");
            chromium.waitFor(() -> !chromium.exceptions().isEmpty(), Duration.ofSeconds(10), "the exception");
            assertThat(chromium.exceptions()).singleElement().asString().contains("TypeError: kaput");

            assertThatThrownBy(() -> chromium.waitFor(
                            () -> chromium.truthy("document.getElementById('never')"),
                            Duration.ofMillis(300),
                            "an element that never comes"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("timed out after 300 ms waiting for an element that never comes");
        }
    }

    @Test
    void shouldFailClearlyWhenThePageCannotBeReached() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium(browser())) {
            String nobody = "http://127.0.0.1:" + FreePorts.pick() + "/";
            assertThatThrownBy(() -> chromium.navigate(nobody))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("net::ERR_CONNECTION_REFUSED");
        }
    }
}
