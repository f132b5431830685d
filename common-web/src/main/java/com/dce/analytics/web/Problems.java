package com.dce.analytics.web;

import com.dce.analytics.events.EventJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Writes RFC 9457 problem details where no controller advice reaches (servlet filters). */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String title, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (instance != null) {
            problem.setInstance(URI.create(instance.replace(" ", "%20")));
        }
        return problem;
    }

    public static void write(HttpServletResponse response, HttpStatus status, String detail, String instance)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getOutputStream().write(EventJson.mapper().writeValueAsBytes(body));
    }
}
