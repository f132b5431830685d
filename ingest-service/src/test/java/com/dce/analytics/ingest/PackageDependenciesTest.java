package com.dce.analytics.ingest;

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
 * Keeps the feature packages honest: {@code system} (cross-cutting configuration) depends on no
 * feature, {@code publish} and {@code security} only on {@code system}, and {@code ingest} (the
 * HTTP API) on the others, so that nothing depends on the web layer.
 */
class PackageDependenciesTest {

    private static final String ROOT = "com.dce.analytics.ingest";
    private static final Path SOURCES = Path.of("src/main/java/com/dce/analytics/ingest");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT) + "\\.(\\w+)\\.", Pattern.MULTILINE);

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "system", Set.of(),
            "publish", Set.of("system"),
            "security", Set.of("system"),
            "ingest", Set.of("publish", "security", "system"));

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
        assertThat(ALLOWED.keySet())
                .allSatisfy(feature -> assertThat(SOURCES.resolve(feature)).isDirectory());
    }
}
