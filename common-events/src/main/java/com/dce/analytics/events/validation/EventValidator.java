package com.dce.analytics.events.validation;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventContext;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.catalog.EventType;
import com.dce.analytics.events.catalog.PropertySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON event against the event catalog and returns every problem at once, each with
 * its JSON path, or the typed {@link AnalyticsEvent}. Works on the JSON tree rather than on a
 * bound object so that a mistyped field is reported precisely instead of failing the whole parse.
 */
public final class EventValidator {

    private static final Set<String> ENVELOPE_FIELDS = Set.of(
            "event_id", "event_type", "event_time", "entity_type", "entity_id", "user_id", "properties", "context");
    private static final Set<String> CONTEXT_FIELDS =
            Set.of("request_id", "session_id", "ip_address", "user_agent", "environment", "version", "tags");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z_]*\\.[a-z][a-z_]*");

    private final EventCatalog catalog;
    private final ValidationPolicy policy;
    private final Clock clock;
    private final PropertyChecker propertyChecker;

    public EventValidator(EventCatalog catalog, ValidationPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.policy = policy;
        this.clock = clock;
        this.propertyChecker = new PropertyChecker(policy);
    }

    public ValidationResult validate(JsonNode node) {
        return validate(node, "$");
    }

    /** Validates one event found at {@code path} (e.g. {@code $[3]} inside a batch). */
    public ValidationResult validate(JsonNode node, String path) {
        List<Violation> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return ValidationResult.invalid(List.of(new Violation(path, "an event must be a JSON object")));
        }
        for (String field : node.propertyNames()) {
            if (!ENVELOPE_FIELDS.contains(field)) {
                problems.add(new Violation(member(path, field), "unknown field"));
            }
        }
        UUID eventId = uuid(node, "event_id", path, true, problems);
        EventType type = eventType(node, path, problems);
        Instant eventTime = eventTime(node, path, problems);
        String entityType = text(node, "entity_type", path, true, 64, problems);
        if (type != null && entityType != null && !type.entityType().equals(entityType)) {
            problems.add(
                    new Violation(path + ".entity_type", "must be '" + type.entityType() + "' for " + type.name()));
        }
        String entityId = text(node, "entity_id", path, true, 128, problems);
        UUID userId = uuid(node, "user_id", path, false, problems);
        Map<String, Object> properties = properties(node.get("properties"), type, path + ".properties", problems);
        EventContext context = context(node.get("context"), path + ".context", problems);
        if (!problems.isEmpty()) {
            return ValidationResult.invalid(problems);
        }
        return ValidationResult.valid(
                new AnalyticsEvent(eventId, type.name(), eventTime, entityType, entityId, userId, properties, context));
    }

    private EventType eventType(JsonNode node, String path, List<Violation> problems) {
        String name = text(node, "event_type", path, true, 64, problems);
        if (name == null) {
            return null;
        }
        if (!EVENT_TYPE.matcher(name).matches()) {
            problems.add(new Violation(path + ".event_type", "must look like '<family>.<name>', e.g. call.completed"));
            return null;
        }
        EventType type = catalog.find(name).orElse(null);
        if (type == null) {
            problems.add(new Violation(path + ".event_type", "unknown event type '" + name + "'"));
        }
        return type;
    }

    private Instant eventTime(JsonNode node, String path, List<Violation> problems) {
        String text = text(node, "event_time", path, true, 64, problems);
        if (text == null) {
            return null;
        }
        Instant time;
        try {
            time = Rfc3339.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new Violation(
                    path + ".event_time", "must be an RFC 3339 timestamp with offset, e.g. 2026-11-25T10:15:30Z"));
            return null;
        }
        Instant now = clock.instant();
        if (time.isAfter(now.plus(policy.maxFutureSkew()))) {
            problems.add(
                    new Violation(path + ".event_time", "is more than " + policy.maxFutureSkew() + " in the future"));
        } else if (time.isBefore(now.minus(policy.maxAge()))) {
            problems.add(new Violation(path + ".event_time", "is older than " + policy.maxAge()));
        }
        return time;
    }

    private Map<String, Object> properties(JsonNode node, EventType type, String path, List<Violation> problems) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (node != null && !node.isNull() && !node.isObject()) {
            problems.add(new Violation(path, "must be a JSON object"));
            return result;
        }
        if (node != null && node.isObject() && node.size() > policy.maxProperties()) {
            problems.add(new Violation(path, "has more than " + policy.maxProperties() + " properties"));
            return result;
        }
        if (type == null) {
            return result;
        }
        Map<String, JsonNode> given = new HashMap<>();
        if (node != null && node.isObject()) {
            for (String name : node.propertyNames()) {
                given.put(name, node.get(name));
            }
        }
        for (PropertySpec spec : type.properties()) {
            JsonNode value = given.remove(spec.name());
            if (value == null || value.isNull()) {
                if (spec.required()) {
                    problems.add(new Violation(path + "." + spec.name(), "is required for " + type.name()));
                }
                continue;
            }
            Object typed = propertyChecker.check(spec, value, path + "." + spec.name(), problems);
            if (typed != null) {
                result.put(spec.name(), typed);
            }
        }
        for (Map.Entry<String, JsonNode> extra : given.entrySet()) {
            String name = extra.getKey();
            String unstorable = name.isEmpty() ? "must have a non-empty name" : StorableValues.textProblem(name);
            if (unstorable != null) {
                problems.add(new Violation(member(path, name), "property name " + unstorable));
                continue;
            }
            Object scalar = propertyChecker.free(extra.getValue(), member(path, name), problems);
            if (scalar != null) {
                result.put(extra.getKey(), scalar);
            }
        }
        CrossFieldRules.check(type.name(), result, path, problems);
        return result;
    }

    private EventContext context(JsonNode node, String path, List<Violation> problems) {
        if (node == null || node.isNull()) {
            return EventContext.EMPTY;
        }
        if (!node.isObject()) {
            problems.add(new Violation(path, "must be a JSON object"));
            return EventContext.EMPTY;
        }
        for (String field : node.propertyNames()) {
            if (!CONTEXT_FIELDS.contains(field)) {
                problems.add(new Violation(member(path, field), "unknown field"));
            }
        }
        int max = policy.maxStringLength();
        return new EventContext(
                text(node, "request_id", path, false, max, problems),
                text(node, "session_id", path, false, max, problems),
                text(node, "ip_address", path, false, max, problems),
                text(node, "user_agent", path, false, max, problems),
                text(node, "environment", path, false, max, problems),
                text(node, "version", path, false, max, problems),
                tags(node.get("tags"), path + ".tags", problems));
    }

    private Map<String, String> tags(JsonNode node, String path, List<Violation> problems) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(new Violation(path, "must be an object of strings"));
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String name : node.propertyNames()) {
            JsonNode value = node.get(name);
            String badName = StorableValues.textProblem(name);
            String badValue = value.isString() ? StorableValues.textProblem(value.stringValue()) : null;
            if (badName != null) {
                problems.add(new Violation(member(path, name), "tag name " + badName));
            } else if (!value.isString()) {
                problems.add(new Violation(member(path, name), "must be a string"));
            } else if (badValue != null) {
                problems.add(new Violation(member(path, name), badValue));
            } else {
                tags.put(name, value.stringValue());
            }
        }
        return tags;
    }

    private static String text(
            JsonNode node, String field, String path, boolean required, int maxLength, List<Violation> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new Violation(path + "." + field, "is required"));
            }
            return null;
        }
        if (!value.isString()) {
            problems.add(new Violation(path + "." + field, "must be a string"));
            return null;
        }
        String text = value.stringValue();
        if (required && text.isBlank()) {
            problems.add(new Violation(path + "." + field, "must not be blank"));
            return null;
        }
        if (text.length() > maxLength) {
            problems.add(new Violation(path + "." + field, "is longer than " + maxLength + " characters"));
            return null;
        }
        String unstorable = StorableValues.textProblem(text);
        if (unstorable != null) {
            problems.add(new Violation(path + "." + field, unstorable));
            return null;
        }
        return text;
    }

    /**
     * The path of member {@code name} under {@code path}: {@code $.a.b}, or {@code $.a['b\\u0000']} (escaped)
     * when the name holds characters that would make the path unreadable or unstorable.
     */
    static String member(String path, String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = c >= 0x20
                    && c != 0x7f
                    && !Character.isSurrogate(c)
                    && c != '\''
                    && c != '['
                    && c != ']'
                    && c != '.'
                    && c != '\\';
        }
        if (plain) {
            return path + "." + name;
        }
        StringBuilder out = new StringBuilder(path).append("['");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\'' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append("']").toString();
    }

    private static UUID uuid(JsonNode node, String field, String path, boolean required, List<Violation> problems) {
        String text = text(node, field, path, required, 36, problems);
        if (text == null) {
            return null;
        }
        try {
            UUID parsed = UUID.fromString(text);
            if (!parsed.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("non-canonical");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(path + "." + field, "must be a UUID"));
            return null;
        }
    }
}
