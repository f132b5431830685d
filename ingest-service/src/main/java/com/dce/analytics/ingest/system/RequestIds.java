package com.dce.analytics.ingest.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the current request: the caller's {@code X-Request-Id} when it is a sane token,
 * otherwise a fresh UUID. It is echoed in the response, logged, and written into dead letters so
 * that a refused event can be traced back to the request that carried it.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {}

    /** The id assigned by {@link RequestIdFilter}, or a new one if the filter did not run. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id instanceof String text) {
            return text;
        }
        String assigned = choose(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, assigned);
        return assigned;
    }

    static String choose(String offered) {
        return offered != null && SANE.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }
}
