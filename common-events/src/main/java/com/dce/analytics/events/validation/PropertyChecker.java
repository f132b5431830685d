package com.dce.analytics.events.validation;

import com.dce.analytics.events.catalog.PropertySpec;
import com.dce.analytics.events.catalog.UsStates;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Checks one property value against its spec and converts it to its Java type. */
final class PropertyChecker {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{10,15}");
    private static final int MONEY_SCALE = 4;

    private final ValidationPolicy policy;

    PropertyChecker(ValidationPolicy policy) {
        this.policy = policy;
    }

    Object check(PropertySpec spec, JsonNode value, String path, List<Violation> problems) {
        return switch (spec.type()) {
            case STRING -> string(value, path, policy.maxStringLength(), problems);
            case ID -> string(value, path, 128, problems);
            case ENUM -> oneOf(spec, value, path, problems);
            case US_STATE -> state(value, path, problems);
            case PHONE -> phone(value, path, problems);
            case BOOLEAN -> bool(value, path, problems);
            case INTEGER -> inRange(spec, integer(value, path, problems), path, problems);
            case DECIMAL -> inRange(spec, decimal(value, path, problems), path, problems);
            case MONEY -> inRange(spec, money(value, path, problems), path, problems);
        };
    }

    /** A property the catalog does not name: kept if it is a scalar. */
    Object free(JsonNode value, String path, List<Violation> problems) {
        if (value.isString()) {
            return string(value, path, policy.maxStringLength(), problems);
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return storable(BigDecimal.valueOf(value.longValue()), path, problems) == null ? null : value.longValue();
        }
        if (value.isNumber()) {
            return storable(value.decimalValue(), path, problems);
        }
        if (value.isNull()) {
            return null;
        }
        problems.add(new Violation(path, "must be a string, number or boolean"));
        return null;
    }

    private static String string(JsonNode value, String path, int maxLength, List<Violation> problems) {
        if (!value.isString()) {
            problems.add(new Violation(path, "must be a string"));
            return null;
        }
        String text = value.stringValue();
        if (text.isBlank() || text.length() > maxLength) {
            problems.add(new Violation(path, "must be 1–" + maxLength + " characters"));
            return null;
        }
        String unstorable = StorableValues.textProblem(text);
        if (unstorable != null) {
            problems.add(new Violation(path, unstorable));
            return null;
        }
        return text;
    }

    private static String oneOf(PropertySpec spec, JsonNode value, String path, List<Violation> problems) {
        String text = string(value, path, 64, problems);
        if (text != null && !spec.allowedValues().contains(text)) {
            problems.add(new Violation(path, "must be one of " + spec.allowedValues()));
            return null;
        }
        return text;
    }

    private static String state(JsonNode value, String path, List<Violation> problems) {
        String text = string(value, path, 2, problems);
        if (text != null && !UsStates.isValid(text)) {
            problems.add(new Violation(path, "must be a two-letter US state code such as CA"));
            return null;
        }
        return text;
    }

    private static String phone(JsonNode value, String path, List<Violation> problems) {
        String text = string(value, path, 32, problems);
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[\\s()\\-.]", "");
        if (!PHONE.matcher(digits).matches()) {
            problems.add(new Violation(path, "must be a phone number (E.164 or 10 digits)"));
            return null;
        }
        return digits;
    }

    private static Boolean bool(JsonNode value, String path, List<Violation> problems) {
        if (!value.isBoolean()) {
            problems.add(new Violation(path, "must be true or false"));
            return null;
        }
        return value.booleanValue();
    }

    private static BigDecimal integer(JsonNode value, String path, List<Violation> problems) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.add(new Violation(path, "must be a whole number"));
            return null;
        }
        return storable(BigDecimal.valueOf(value.longValue()), path, problems);
    }

    private static BigDecimal decimal(JsonNode value, String path, List<Violation> problems) {
        if (value.isNumber()) {
            return storable(value.decimalValue(), path, problems);
        }
        if (value.isString()) {
            BigDecimal parsed = null;
            try {
                parsed = new BigDecimal(value.stringValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (parsed != null) {
                return storable(parsed, path, problems);
            }
        }
        problems.add(new Violation(path, "must be a number"));
        return null;
    }

    /** The number in a short form if the stores can hold it exactly; a violation otherwise. */
    private static BigDecimal storable(BigDecimal number, String path, List<Violation> problems) {
        String problem = StorableValues.numberProblem(number);
        if (problem != null) {
            problems.add(new Violation(path, problem));
            return null;
        }
        return StorableValues.normalized(number);
    }

    private static BigDecimal money(JsonNode value, String path, List<Violation> problems) {
        BigDecimal amount = decimal(value, path, problems);
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > MONEY_SCALE) {
            problems.add(new Violation(path, "must have at most " + MONEY_SCALE + " decimals"));
            return null;
        }
        return amount.setScale(MONEY_SCALE);
    }

    private static Object inRange(PropertySpec spec, BigDecimal number, String path, List<Violation> problems) {
        if (number == null) {
            return null;
        }
        if ((spec.min() != null && number.compareTo(spec.min()) < 0)
                || (spec.max() != null && number.compareTo(spec.max()) > 0)) {
            problems.add(new Violation(
                    path,
                    "must be between " + plain(spec.min()) + " and " + plain(spec.max())
                            + (spec.unit().isEmpty() ? "" : " " + spec.unit())));
            return null;
        }
        return switch (spec.type()) {
            case INTEGER -> number.longValueExact();
            default -> number;
        };
    }

    private static String plain(BigDecimal value) {
        return value == null ? "∞" : value.toPlainString();
    }
}
