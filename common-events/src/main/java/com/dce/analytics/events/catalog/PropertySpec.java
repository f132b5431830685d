package com.dce.analytics.events.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * One property of an event type: its name, type, whether it must be present, its unit and the
 * range or values it may take. {@code pii} marks personal data that ingest pseudonymises.
 */
public record PropertySpec(
        String name,
        PropertyType type,
        boolean required,
        String unit,
        BigDecimal min,
        BigDecimal max,
        List<String> allowedValues,
        boolean pii,
        String description) {

    public PropertySpec {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        unit = unit == null ? "" : unit;
    }

    public static PropertySpec required(String name, PropertyType type, String description) {
        return new PropertySpec(name, type, true, "", null, null, List.of(), type == PropertyType.PHONE, description);
    }

    public static PropertySpec optional(String name, PropertyType type, String description) {
        return new PropertySpec(name, type, false, "", null, null, List.of(), type == PropertyType.PHONE, description);
    }

    public PropertySpec unit(String newUnit) {
        return new PropertySpec(name, type, required, newUnit, min, max, allowedValues, pii, description);
    }

    public PropertySpec range(long newMin, long newMax) {
        return range(BigDecimal.valueOf(newMin), BigDecimal.valueOf(newMax));
    }

    public PropertySpec range(BigDecimal newMin, BigDecimal newMax) {
        return new PropertySpec(name, type, required, unit, newMin, newMax, allowedValues, pii, description);
    }

    public PropertySpec values(String... allowed) {
        return new PropertySpec(name, type, required, unit, min, max, List.of(allowed), pii, description);
    }

    public PropertySpec personal() {
        return new PropertySpec(name, type, required, unit, min, max, allowedValues, true, description);
    }
}
