package com.dce.analytics.events.pii;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventContext;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.catalog.EventType;
import com.dce.analytics.events.catalog.PropertySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymises personal data before an event reaches Kafka: {@code ip_address},
 * {@code user_agent} and every property the catalog marks as personal (phone numbers) are
 * replaced by a keyed HMAC-SHA256, {@code pii:v1:<key id>:<base64url>}.
 *
 * <p>Why pseudonymise rather than encrypt: no metric needs the clear value, only equality (the
 * same caller twice, calls per number), which a keyed hash keeps; a leak of Kafka, the database
 * or a backup then exposes nothing that can be reversed without the key, and erasing the key
 * (rotation) makes old pseudonyms unlinkable. The key id in the value lets keys rotate.
 */
public final class PiiProtector {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "pii:v1:";

    private final ThreadLocal<Mac> macs;
    private final String keyId;
    private final EventCatalog catalog;

    public PiiProtector(byte[] secret, EventCatalog catalog) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the PII key must be at least 32 bytes (256 bits)");
        }
        SecretKeySpec key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
        this.keyId = HexFormat.of().formatHex(macs.get().doFinal("key-id".getBytes(StandardCharsets.UTF_8)), 0, 4);
        this.catalog = catalog;
    }

    /** Builds a protector from a base64-encoded key, as found in configuration. */
    public static PiiProtector fromBase64(String base64Key, EventCatalog catalog) {
        return new PiiProtector(Base64.getDecoder().decode(base64Key.trim()), catalog);
    }

    public AnalyticsEvent protect(AnalyticsEvent event) {
        EventType type = catalog.find(event.eventType()).orElse(null);
        Map<String, Object> properties = event.properties();
        if (type != null && type.properties().stream().anyMatch(PropertySpec::pii)) {
            properties = new LinkedHashMap<>(properties);
            for (PropertySpec spec : type.properties()) {
                Object value = properties.get(spec.name());
                if (spec.pii() && value != null) {
                    properties.put(spec.name(), pseudonym(value.toString()));
                }
            }
        }
        EventContext context = event.context();
        if (context != null && (context.ipAddress() != null || context.userAgent() != null)) {
            context = context.withClient(pseudonym(context.ipAddress()), pseudonym(context.userAgent()));
        }
        return event.withPropertiesAndContext(properties, context);
    }

    /** The pseudonym of a value; already-pseudonymised values are left alone (idempotent). */
    public String pseudonym(String value) {
        if (value == null || value.startsWith(PREFIX)) {
            return value;
        }
        byte[] mac = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        return PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    public static boolean isPseudonym(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
