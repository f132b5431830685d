package com.dce.analytics.alert.api;

import com.dce.analytics.alert.condition.ConditionCompiler;
import com.dce.analytics.alert.condition.ConditionException;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.web.ApiException;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Who may do what. Any valid key reads rules and alerts, but only those over metrics its roles may
 * read (a revenue alert carries revenue figures: FINANCE, EXECUTIVE or ADMIN); changing rules,
 * acknowledging, silencing and forcing an evaluation need OPERATOR or ADMIN.
 */
@Component
class Access {

    private final ConditionCompiler conditions = new ConditionCompiler(MetricCatalog.standard());
    private final MetricCatalog catalog = MetricCatalog.standard();
    private final ConcurrentHashMap<String, Set<String>> metricsByCondition = new ConcurrentHashMap<>();

    ApiPrincipal caller(HttpServletRequest request) {
        return ApiKeyAuthenticationFilter.principal(request);
    }

    ApiPrincipal operator(HttpServletRequest request) {
        ApiPrincipal p = caller(request);
        if (!p.has(Role.OPERATOR)) {
            throw ApiException.forbidden(
                    "this needs the OPERATOR or ADMIN role; the key '" + p.name() + "' has " + p.roles());
        }
        return p;
    }

    /** Whether the caller may see values of every metric the condition reads. */
    boolean mayRead(ApiPrincipal p, String condition) {
        for (String metric : metrics(condition)) {
            var def = catalog.find(metric);
            if (def.isPresent() && !p.mayRead(def.get().audience())) {
                return false;
            }
        }
        return true;
    }

    void requireRead(ApiPrincipal p, String condition, String what) {
        if (!mayRead(p, condition)) {
            throw ApiException.forbidden(
                    what + " reads metrics the key '" + p.name() + "' (roles " + p.roles() + ") may not read");
        }
    }

    private Set<String> metrics(String condition) {
        if (condition == null) {
            return Set.of();
        }
        if (metricsByCondition.size() > 50_000) {
            metricsByCondition.clear();
        }
        return metricsByCondition.computeIfAbsent(condition, c -> {
            try {
                return conditions.metricsIn(c);
            } catch (ConditionException e) {
                return Set.of();
            }
        });
    }
}
