package com.dce.analytics.query.access;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.web.ApiException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who may read what: a key reads a metric when one of its roles covers the metric's audience
 * ({@link Role#audiences()}), a dashboard when its roles cover the dashboard's audience, and only
 * ADMIN keys manage keys and read the audit log. Refusals are 403 problems that say which roles
 * would do.
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    public static boolean mayRead(ApiPrincipal principal, MetricDefinition metric) {
        return principal.mayRead(metric.audience());
    }

    public static void checkMetric(ApiPrincipal principal, MetricDefinition metric) {
        if (!mayRead(principal, metric)) {
            throw ApiException.forbidden("the key '" + principal.name() + "' (" + roles(principal)
                    + ") may not read " + audience(metric.audience()) + " metrics such as '" + metric.name()
                    + "'; roles that may: " + rolesFor(metric.audience()));
        }
    }

    public static void checkAudience(ApiPrincipal principal, Audience audience, String what) {
        if (!principal.mayRead(audience)) {
            throw ApiException.forbidden("the key '" + principal.name() + "' (" + roles(principal) + ") may not read "
                    + what + "; roles that may: " + rolesFor(audience));
        }
    }

    public static void requireAdmin(ApiPrincipal principal) {
        if (!principal.isAdmin()) {
            throw ApiException.forbidden(
                    "only ADMIN keys may do this; the key '" + principal.name() + "' has " + roles(principal));
        }
    }

    public static String audience(Audience audience) {
        return audience.name().toLowerCase(Locale.ROOT);
    }

    private static String roles(ApiPrincipal principal) {
        return principal.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    }

    private static String rolesFor(Audience audience) {
        return java.util.Arrays.stream(Role.values())
                .filter(r -> r.audiences().contains(audience))
                .map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
