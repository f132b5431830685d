package com.dce.analytics.query.access;

import com.dce.analytics.query.system.QueryApiProperties;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.Role;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers {@code analytics.security.bootstrap-admin-key} (set from the environment) as an ADMIN
 * key at start-up, so a fresh deployment has a way in, and {@code analytics.security.grafana-key}
 * as the EXECUTIVE key Grafana reads with. Idempotent; no key ships with the code.
 */
@Component
class BootstrapAdminKey implements ApplicationRunner {

    static final int MIN_LENGTH = 24;
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);

    private final ApiKeyStore keys;
    private final QueryApiProperties properties;

    BootstrapAdminKey(ApiKeyStore keys, QueryApiProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        register("bootstrap-admin", Role.ADMIN, properties.security().bootstrapAdminKey(), "bootstrap-admin-key");
        register("grafana", Role.EXECUTIVE, properties.security().grafanaKey(), "grafana-key");
    }

    private void register(String name, Role role, String secret, String property) {
        if (secret == null || secret.isBlank()) {
            log.info("no {} key configured (analytics.security.{})", name, property);
            return;
        }
        if (secret.trim().length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    "analytics.security." + property + " must be at least " + MIN_LENGTH + " characters");
        }
        var issued = keys.register(name, Set.of(role), "bootstrap", secret.trim());
        log.info(
                "{} key registered with role {} (id {}, prefix {})",
                name,
                role,
                issued.key().id(),
                issued.key().prefix());
    }
}
