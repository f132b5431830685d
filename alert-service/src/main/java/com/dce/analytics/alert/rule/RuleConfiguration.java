package com.dce.analytics.alert.rule;

import com.dce.analytics.alert.system.AlertServiceProperties;
import com.dce.analytics.metrics.MetricCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The rule compiler (with the global parameters of the configuration) and the loading of the
 * default rules file at start-up. A default rules file that does not validate stops the start:
 * better no service than one that silently watches less than it should.
 */
@Configuration(proxyBeanMethods = false)
class RuleConfiguration {

    @Bean
    RuleCompiler ruleCompiler(AlertServiceProperties properties) {
        return new RuleCompiler(MetricCatalog.standard(), properties.alert().parameters());
    }

    @Bean
    InitializingBean defaultRulesLoader(
            RuleService rules, AlertServiceProperties properties, ResourceLoader resources) {
        return () -> {
            AlertServiceProperties.Rules config = properties.alert().rules();
            if (config.file() == null || config.file().isBlank()) {
                return;
            }
            Resource file = resources.getResource(config.file());
            if (!file.exists()) {
                throw new IllegalStateException("alert rules file " + config.file() + " does not exist");
            }
            String yaml;
            try (InputStream in = file.getInputStream()) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read alert rules file " + config.file(), e);
            }
            List<AlertRule> defaults;
            List<String> problems = new ArrayList<>();
            try {
                defaults = RuleFile.parse(yaml, config.file());
            } catch (RuleValidationException e) {
                throw invalid(
                        config.file(),
                        e.errors().stream().map(RuleError::describe).toList());
            }
            for (AlertRule rule : defaults) {
                try {
                    rules.validate(rule);
                } catch (RuleValidationException e) {
                    e.errors().forEach(error -> problems.add(rule.name() + ": " + error.describe()));
                }
            }
            if (!problems.isEmpty()) {
                throw invalid(config.file(), problems);
            }
            rules.loadDefaults(defaults, config.updateFromFile());
        };
    }

    private static IllegalStateException invalid(String file, List<String> problems) {
        return new IllegalStateException("alert rules file " + file + " is invalid: " + String.join("; ", problems));
    }
}
