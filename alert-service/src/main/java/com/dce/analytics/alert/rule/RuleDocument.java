package com.dce.analytics.alert.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The written form of a rule, the same in the REST API, the rules file and the database: the
 * spec's fields ({@code name}, {@code condition}, {@code window}, {@code severity},
 * {@code notification}) and the optional ones ({@code description}, {@code for},
 * {@code keep_firing_for}, {@code repeat_interval}, {@code filters}, {@code group_by},
 * {@code parameters}, {@code labels}, {@code annotations}, {@code enabled}). Reading checks the
 * shape of each field and reports every problem with its field name; what the values mean is
 * checked by {@link RuleCompiler}.
 */
public final class RuleDocument {

    private static final Set<String> FIELDS = Set.of(
            "name",
            "description",
            "condition",
            "window",
            "severity",
            "for",
            "keep_firing_for",
            "repeat_interval",
            "filters",
            "group_by",
            "parameters",
            "labels",
            "annotations",
            "notification",
            "notifications",
            "enabled");

    private RuleDocument() {}

    /** Reads a rule; {@code prefix} is put before field names in errors (e.g. {@code alert_rules[2].}). */
    public static AlertRule read(JsonNode node, String prefix) {
        Reader r = new Reader(prefix);
        AlertRule rule = r.rule(node);
        if (!r.errors.isEmpty()) {
            throw new RuleValidationException(r.errors);
        }
        return rule;
    }

    public static AlertRule read(JsonNode node) {
        return read(node, "");
    }

    /** The written form, fields in the spec's order, durations as {@code 5m}. */
    public static Map<String, Object> write(AlertRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", rule.name());
        out.put("description", rule.description());
        out.put("condition", rule.condition());
        out.put("window", Durations.format(rule.window()));
        out.put("severity", rule.severity().label());
        out.put("for", Durations.format(rule.forDuration()));
        out.put("keep_firing_for", Durations.format(rule.keepFiringFor()));
        out.put("repeat_interval", Durations.format(rule.repeatInterval()));
        out.put("filters", rule.filters());
        out.put("group_by", rule.groupBy());
        out.put("parameters", rule.parameters());
        out.put("labels", rule.labels());
        out.put("annotations", rule.annotations());
        List<Map<String, String>> routes = new ArrayList<>();
        for (Route route : rule.routes()) {
            routes.add(Map.of(route.channel().label(), route.target()));
        }
        out.put("notification", routes);
        out.put("enabled", rule.enabled());
        return out;
    }

    private static final class Reader {
        private final String prefix;
        private final List<RuleError> errors = new ArrayList<>();

        Reader(String prefix) {
            this.prefix = prefix;
        }

        AlertRule rule(JsonNode node) {
            if (node == null || !node.isObject()) {
                error("rule", null, "a rule must be an object with name, condition, window, severity and notification");
                return null;
            }
            for (String field : node.propertyNames()) {
                if (!FIELDS.contains(field)) {
                    error(field, null, "unknown field '" + field + "'");
                }
            }
            String name = requiredText(node, "name");
            String condition = requiredText(node, "condition");
            Duration window = duration(node, "window", null, true);
            Severity severity = severity(node);
            JsonNode routes = node.has("notification") ? node.get("notification") : node.get("notifications");
            return new AlertRule(
                    name,
                    optionalText(node, "description"),
                    condition,
                    window,
                    severity,
                    duration(node, "for", Duration.ZERO, false),
                    duration(node, "keep_firing_for", Duration.ZERO, false),
                    duration(node, "repeat_interval", AlertRule.DEFAULT_REPEAT_INTERVAL, false),
                    filters(node.get("filters")),
                    groupBy(node.get("group_by")),
                    parameters(node.get("parameters")),
                    strings(node.get("labels"), "labels"),
                    strings(node.get("annotations"), "annotations"),
                    routes(routes, node.has("notification") ? "notification" : "notifications"),
                    enabled(node.get("enabled")));
        }

        private String requiredText(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull() || (v.isString() && v.stringValue().isBlank())) {
                error(field, null, "'" + field + "' is required");
                return null;
            }
            if (!v.isString()) {
                error(field, null, "'" + field + "' must be a string");
                return null;
            }
            return v.stringValue().trim();
        }

        private String optionalText(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return "";
            }
            if (!v.isString()) {
                error(field, null, "'" + field + "' must be a string");
                return "";
            }
            return v.stringValue();
        }

        private Duration duration(JsonNode node, String field, Duration fallback, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, null, "'" + field + "' is required, e.g. 5m");
                }
                return fallback;
            }
            if (v.isIntegralNumber() && v.decimalValue().signum() == 0) {
                return Duration.ZERO;
            }
            if (!v.isString()) {
                error(field, null, "'" + field + "' must be a duration such as 5m, 90s or 1h30m");
                return fallback;
            }
            try {
                return Durations.parse(v.stringValue());
            } catch (Durations.BadDuration e) {
                error(field, e.position(), e.getMessage());
                return fallback;
            }
        }

        private Severity severity(JsonNode node) {
            JsonNode v = node.get("severity");
            if (v == null || v.isNull()) {
                return Severity.WARNING;
            }
            String text = v.isString() ? v.stringValue() : v.toString();
            return Severity.parse(text).orElseGet(() -> {
                error("severity", null, "unknown severity '" + text + "'; use critical, warning or info");
                return Severity.WARNING;
            });
        }

        private Map<String, List<String>> filters(JsonNode v) {
            Map<String, List<String>> out = new TreeMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                error("filters", null, "'filters' must map dimensions to values, e.g. {state: CA}");
                return out;
            }
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    for (JsonNode item : e.getValue().values()) {
                        scalar(item, "filters." + e.getKey(), values);
                    }
                } else {
                    scalar(e.getValue(), "filters." + e.getKey(), values);
                }
                if (values.isEmpty()) {
                    error("filters." + e.getKey(), null, "a filter needs at least one value");
                }
                out.put(e.getKey(), values);
            }
            return out;
        }

        private void scalar(JsonNode item, String field, List<String> into) {
            if (item.isString()) {
                into.add(item.stringValue());
            } else if (item.isNumber() || item.isBoolean()) {
                into.add(item.asString());
            } else {
                error(field, null, "filter values must be strings, numbers or booleans");
            }
        }

        private List<String> groupBy(JsonNode v) {
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (v.isString()) {
                out.add(v.stringValue());
                return out;
            }
            if (!v.isArray()) {
                error("group_by", null, "'group_by' must be a list of dimensions, e.g. [buyer_id]");
                return out;
            }
            for (JsonNode item : v.values()) {
                if (item.isString()) {
                    out.add(item.stringValue());
                } else {
                    error("group_by", null, "'group_by' must be a list of dimension names");
                }
            }
            return out;
        }

        private Map<String, BigDecimal> parameters(JsonNode v) {
            Map<String, BigDecimal> out = new TreeMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                error("parameters", null, "'parameters' must map names to numbers, e.g. {daily_target: 250000}");
                return out;
            }
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                JsonNode value = e.getValue();
                try {
                    if (value.isNumber()) {
                        out.put(e.getKey(), value.decimalValue());
                    } else if (value.isString()) {
                        out.put(e.getKey(), new BigDecimal(value.stringValue().trim()));
                    } else {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException ex) {
                    error("parameters." + e.getKey(), null, "a parameter must be a number");
                }
            }
            return out;
        }

        private Map<String, String> strings(JsonNode v, String field) {
            Map<String, String> out = new TreeMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                error(field, null, "'" + field + "' must map names to strings");
                return out;
            }
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                JsonNode value = e.getValue();
                if (value.isString() || value.isNumber() || value.isBoolean()) {
                    out.put(e.getKey(), value.asString());
                } else {
                    error(field + "." + e.getKey(), null, "must be a string");
                }
            }
            return out;
        }

        private List<Route> routes(JsonNode v, String field) {
            List<Route> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                error(
                        field,
                        null,
                        "'" + field + "' must be a list such as [{slack: '#ops-alerts'}, {pagerduty: on-call}]");
                return out;
            }
            int i = 0;
            for (JsonNode item : v.values()) {
                String at = field + "[" + i++ + "]";
                if (!item.isObject() || item.size() != 1) {
                    error(
                            at,
                            null,
                            "each notification is one of {slack: '#channel'}, {pagerduty: service},"
                                    + " {email: address}");
                    continue;
                }
                Map.Entry<String, JsonNode> e = item.properties().iterator().next();
                Route.Channel channel = Route.Channel.parse(e.getKey()).orElse(null);
                if (channel == null) {
                    error(at, null, "unknown receiver '" + e.getKey() + "'; use slack, pagerduty or email");
                    continue;
                }
                if (!e.getValue().isString() || e.getValue().stringValue().isBlank()) {
                    error(
                            at,
                            null,
                            e.getKey() + " needs a target, e.g. "
                                    + switch (channel) {
                                        case SLACK -> "'#ops-alerts'";
                                        case PAGERDUTY -> "on-call";
                                        case EMAIL -> "ops@example.com";
                                    });
                    continue;
                }
                out.add(new Route(channel, e.getValue().stringValue().trim()));
            }
            return out;
        }

        private boolean enabled(JsonNode v) {
            if (v == null || v.isNull()) {
                return true;
            }
            if (!v.isBoolean()) {
                error("enabled", null, "'enabled' must be true or false");
                return true;
            }
            return v.booleanValue();
        }

        private void error(String field, Integer position, String reason) {
            errors.add(new RuleError(prefix + field, position, reason));
        }
    }
}
