package com.dce.analytics.report.api;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.web.ApiException;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may see what: a caller's roles grant metric audiences; a report may be read by a caller
 * whose audiences cover those of the metrics it was built from (so financial content needs a
 * FINANCE, EXECUTIVE or ADMIN key).
 */
final class Access {

    private Access() {}

    static ApiPrincipal principal(HttpServletRequest request) {
        return ApiKeyAuthenticationFilter.principal(request);
    }

    static Set<Audience> audiences(ApiPrincipal p) {
        Set<Audience> out = EnumSet.noneOf(Audience.class);
        for (Role r : p.roles()) {
            out.addAll(r.audiences());
        }
        return out;
    }

    static boolean mayRead(ApiPrincipal p, Collection<Audience> needed) {
        return audiences(p).containsAll(needed);
    }

    static void require(ApiPrincipal p, Collection<Audience> needed, String what) {
        Set<Audience> missing = EnumSet.noneOf(Audience.class);
        missing.addAll(needed);
        missing.removeAll(audiences(p));
        if (!missing.isEmpty()) {
            throw ApiException.forbidden(
                    what + " contains " + missing.toString().toLowerCase()
                            + " figures, which this key's roles " + p.roles() + " may not read"
                            + (missing.contains(Audience.FINANCE)
                                    ? " (financial figures need FINANCE, EXECUTIVE or ADMIN)"
                                    : ""));
        }
    }
}
