package com.dce.analytics.query.proxy;

import com.dce.analytics.query.system.QueryApiProperties;
import com.dce.analytics.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A pass-through proxy so the web console talks to one origin: alert calls go to alert-service,
 * report calls to report-service, with method, headers (the API key included: the upstream checks
 * it again), query string, body, status and content type passed along unchanged. An upstream that
 * cannot be reached is a 502 problem, one that does not answer in time a 504.
 */
@RestController
@Hidden
class ConsoleProxyController {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            "expect",
            "http2-settings");
    private static final List<String> ALERT_PATHS =
            List.of("/api/v1/alerts", "/api/v1/alert-rules", "/api/v1/silences");
    private static final long MAX_BODY = 16L * 1024 * 1024;

    private final QueryApiProperties.Console settings;
    private final HttpClient client;

    ConsoleProxyController(QueryApiProperties properties) {
        this.settings = properties.console();
        this.client = HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @RequestMapping({
        "/api/v1/alerts",
        "/api/v1/alerts/**",
        "/api/v1/alert-rules",
        "/api/v1/alert-rules/**",
        "/api/v1/silences",
        "/api/v1/silences/**",
        "/api/v1/reports",
        "/api/v1/reports/**",
        "/api/v1/report-schedules",
        "/api/v1/report-schedules/**"
    })
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        URI base = ALERT_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))
                ? settings.alertServiceUrl()
                : settings.reportServiceUrl();
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        URI target = URI.create(stripSlash(base.toString()) + path + query);
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target)
                .timeout(settings.proxyTimeout())
                .method(request.getMethod(), body(request));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    upstream.header(name, value);
                }
            }
        }
        upstream.header("X-Forwarded-For", request.getRemoteAddr());
        upstream.header("X-Forwarded-Proto", request.getScheme());
        if (request.getHeader("Host") != null) {
            upstream.header("X-Forwarded-Host", request.getHeader("Host"));
        }
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(upstream.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ApiException(
                    HttpStatus.GATEWAY_TIMEOUT,
                    "Upstream timeout",
                    "the upstream service at " + base + " did not answer within " + settings.proxyTimeout());
        } catch (ConnectException e) {
            throw unreachable(base);
        } catch (IOException e) {
            throw unreachable(base);
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> response.addHeader(name, v));
            }
        });
        try (InputStream in = answer.body()) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    private static ApiException unreachable(URI base) {
        return new ApiException(
                HttpStatus.BAD_GATEWAY,
                "Upstream unavailable",
                "the upstream service at " + base + " could not be reached");
    }

    private static HttpRequest.BodyPublisher body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() == 0
                || ("GET".equals(request.getMethod()) && request.getContentLengthLong() < 0)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        byte[] bytes = request.getInputStream().readNBytes((int) MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "at most 16 MiB may be forwarded");
        }
        return bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
