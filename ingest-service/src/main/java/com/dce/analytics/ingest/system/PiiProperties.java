package com.dce.analytics.ingest.system;

import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that pseudonymises personal data ({@code analytics.pii.key}, base64, at least 32 bytes).
 * It has no default anywhere in the repository: a missing or weak key stops the service at
 * start-up, because events pseudonymised with a guessable key are as good as clear text.
 */
@ConfigurationProperties("analytics.pii")
public record PiiProperties(String key) {

    static final int MIN_KEY_BYTES = 32;

    public PiiProperties {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("analytics.pii.key is not set: configure a base64-encoded key of at least "
                    + MIN_KEY_BYTES + " random bytes (e.g. `openssl rand -base64 32`) through the environment "
                    + "(ANALYTICS_PII_KEY) or a secret store; the service refuses to start without it");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("analytics.pii.key is not valid base64", e);
        }
        if (decoded.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(
                    "analytics.pii.key must decode to at least " + MIN_KEY_BYTES + " bytes, got " + decoded.length);
        }
    }

    @Override
    public String toString() {
        return "PiiProperties[key=<hidden>]";
    }
}
