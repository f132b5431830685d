package com.dce.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the feature packages honest: the condition language depends on nothing, rules on the
 * language, state on rules, notifications on state, evaluation on all of those, and only the web
 * layer ({@code api}) sees everything; {@code system} (configuration) depends on no feature.
 */
class PackageDependenciesTest {

    private static final String ROOT = "com.dce.analytics.alert";
    private static final Path SOURCES = Path.of("src/main/java/com/dce/analytics/alert");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT) + "\\.(\\w+)\\.", Pattern.MULTILINE);

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "system", Set.of(),
            "condition", Set.of(),
            "rule", Set.of("condition", "system"),
            "silence", Set.of("system"),
            "state", Set.of("condition", "rule"),
            "notify", Set.of("condition", "rule", "state", "system"),
            "evaluation", Set.of("condition", "rule", "state", "silence", "notify", "system"),
            "api", Set.of("condition", "rule", "state", "silence", "notify", "evaluation", "system"));

    @Test
    void shouldDependOnlyOnAllowedFeaturePackages() throws IOException {
        Set<String> violations = new TreeSet<>();
        for (Map.Entry<String, Set<String>> feature : ALLOWED.entrySet()) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(feature.getKey()))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher imports = IMPORT.matcher(Files.readString(file));
                    while (imports.find()) {
                        String used = imports.group(1);
                        if (!used.equals(feature.getKey())
                                && !feature.getValue().contains(used)) {
                            violations.add(file.getFileName() + " (" + feature.getKey() + ") uses " + used);
                        }
                    }
                }
            }
        }

        assertThat(violations).isEmpty();
    }
}
