package com.dce.analytics.store.access;

import com.dce.analytics.metrics.Audience;
import java.util.Set;
import java.util.UUID;

/** The caller behind an API key. */
public record ApiPrincipal(UUID keyId, String name, Set<Role> roles) {

    public ApiPrincipal {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean has(Role role) {
        return roles.contains(role) || isAdmin();
    }

    public boolean mayRead(Audience audience) {
        return roles.stream().anyMatch(r -> r.audiences().contains(audience));
    }
}
