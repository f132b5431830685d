package com.dce.analytics.ingest.ingest;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.catalog.PropertySpec;
import com.dce.analytics.events.pii.PiiProtector;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload a dead letter keeps of a refused event: its raw text, except that personal data is
 * pseudonymised as in accepted events, since the dead-letter topic is Kafka too. In a well-formed
 * item the known places are replaced ({@code context.ip_address}, {@code context.user_agent} and
 * every property the catalog marks as personal); a malformed line cannot be navigated, so
 * anything in it that looks like a phone number or an IPv4 address is pseudonymised instead.
 */
final class DeadLetterPayloads {

    private static final List<String> CONTEXT_PII = List.of("ip_address", "user_agent");
    private static final Pattern PHONE_LIKE =
            Pattern.compile("(?<![0-9A-Za-z_-])\\+?\\(?\\d[\\d\\s().-]{8,}\\d(?![0-9A-Za-z_])");
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])\\d{1,3}(\\.\\d{1,3}){3}(?![0-9.])");

    // a refused event may hold any number (1e999999999): written as parsed, never expanded to plain digits
    private static final ObjectWriter WRITER =
            EventJson.mapper().writer().without(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final PiiProtector protector;
    private final Set<String> personalProperties;

    DeadLetterPayloads(PiiProtector protector, EventCatalog catalog) {
        this.protector = protector;
        this.personalProperties = catalog.all().stream()
                .flatMap(type -> type.properties().stream())
                .filter(PropertySpec::pii)
                .map(PropertySpec::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    String payload(RawItem item) {
        if (item.node() == null) {
            return scrubText(item.raw());
        }
        if (!(item.node() instanceof ObjectNode object)) {
            return item.raw();
        }
        ObjectNode copy = object.deepCopy();
        boolean changed = pseudonymise(copy.get("context"), CONTEXT_PII);
        changed |= pseudonymise(copy.get("properties"), personalProperties);
        return changed ? WRITER.writeValueAsString(copy) : item.raw();
    }

    private boolean pseudonymise(JsonNode parent, Iterable<String> fields) {
        if (!(parent instanceof ObjectNode object)) {
            return false;
        }
        boolean changed = false;
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                String text = value.isString() ? value.stringValue() : value.toString();
                String pseudonym = protector.pseudonym(text);
                if (!pseudonym.equals(text)) {
                    object.put(field, pseudonym);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private String scrubText(String raw) {
        return replace(IPV4, replace(PHONE_LIKE, raw, true), false);
    }

    private String replace(Pattern pattern, String text, boolean phone) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String found = matcher.group();
            long digits = found.chars().filter(Character::isDigit).count();
            boolean personal = !phone || (digits >= 10 && digits <= 15);
            matcher.appendReplacement(out, Matcher.quoteReplacement(personal ? protector.pseudonym(found) : found));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
