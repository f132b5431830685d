package com.dce.analytics.alert.rule;

import com.dce.analytics.events.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.databind.JsonNode;

/**
 * A rules file in the spec's YAML form ({@code alert_rules:} followed by a list of rules; a bare
 * list or {@code rules:} work too). YAML is read with SnakeYAML's safe constructor (plain maps,
 * lists and scalars only, never Java objects). One liberty with YAML: the spec writes
 * {@code - slack: #ops-alerts}, which YAML would read as an empty value followed by a comment;
 * an unquoted {@code #channel} after {@code slack:} is therefore read as the channel.
 */
public final class RuleFile {

    private static final Pattern UNQUOTED_CHANNEL =
            Pattern.compile("^(\\s*(?:-\\s+)?slack:[ \\t]*)(#[^\\s#'\"]+)([ \\t]*(?:[ \\t]#.*)?)$", Pattern.MULTILINE);

    private RuleFile() {}

    /** @param source how errors name the file */
    public static List<AlertRule> parse(String yaml, String source) {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            document = new Yaml(new SafeConstructor(options)).load(quoteChannels(yaml));
        } catch (MarkedYAMLException e) {
            throw new RuleValidationException(List.of(new RuleError(
                    source,
                    null,
                    "not valid YAML at line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem())));
        } catch (YAMLException e) {
            throw new RuleValidationException(
                    List.of(new RuleError(source, null, "not valid YAML: " + e.getMessage())));
        }
        Object list = document;
        if (document instanceof Map<?, ?> map) {
            list = map.containsKey("alert_rules") ? map.get("alert_rules") : map.get("rules");
        }
        if (document == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw new RuleValidationException(
                    List.of(new RuleError(source, null, "expected 'alert_rules:' followed by a list of rules")));
        }
        List<AlertRule> rules = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode node = EventJson.mapper().valueToTree(items.get(i));
            try {
                rules.add(RuleDocument.read(node, "alert_rules[" + i + "]."));
            } catch (RuleValidationException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleValidationException(errors);
        }
        return rules;
    }

    static String quoteChannels(String yaml) {
        Matcher m = UNQUOTED_CHANNEL.matcher(yaml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"" + m.group(2) + "\"" + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
