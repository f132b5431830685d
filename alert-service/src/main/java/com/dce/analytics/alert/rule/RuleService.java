package com.dce.analytics.alert.rule;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creating, changing and deleting rules: every rule is compiled (validated) before it is stored,
 * so the database only ever holds rules an evaluator can run.
 */
@Service
public class RuleService {

    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    private final RuleStore store;
    private final RuleCompiler compiler;
    private final Clock clock;

    public RuleService(RuleStore store, RuleCompiler compiler, Clock clock) {
        this.store = store;
        this.compiler = compiler;
        this.clock = clock;
    }

    public CompiledRule validate(AlertRule rule) {
        return compiler.compile(rule);
    }

    public List<StoredRule> list() {
        return store.list();
    }

    public StoredRule get(String name) {
        return store.find(name).orElseThrow(() -> new RuleNotFoundException(name));
    }

    public StoredRule create(AlertRule rule, String actor) {
        compiler.compile(rule);
        return store.insert(rule, StoredRule.FROM_API, actor, clock.instant())
                .orElseThrow(() ->
                        new RuleConflictException("an alert rule named '" + rule.name() + "' exists already", false));
    }

    /** @param expectedVersion the version the caller read (If-Match), or null to overwrite */
    public StoredRule update(String name, AlertRule rule, String actor, Integer expectedVersion) {
        if (rule.name() != null && !rule.name().equals(name)) {
            throw new RuleValidationException(List.of(new RuleError(
                    "name",
                    null,
                    "the name in the body ('" + rule.name() + "') differs from the URL ('" + name + "')")));
        }
        compiler.compile(rule);
        return store.update(rule, actor, clock.instant(), expectedVersion).orElseThrow(() -> {
            if (store.find(name).isEmpty()) {
                return new RuleNotFoundException(name);
            }
            return new RuleConflictException(
                    "alert rule '" + name + "' has changed since version " + expectedVersion, true);
        });
    }

    public void delete(String name, String actor) {
        if (!store.delete(name, actor, clock.instant())) {
            throw new RuleNotFoundException(name);
        }
    }

    /**
     * Brings the default rules in: each is added unless a rule of its name exists or was deleted,
     * and (when {@code follow}) a default nobody has edited follows the file's version.
     */
    public void loadDefaults(List<AlertRule> rules, boolean follow) {
        for (AlertRule rule : rules) {
            compiler.compile(rule);
            if (store.insertIfNeverSeen(rule, clock.instant())) {
                log.info("default alert rule '{}' added", rule.name());
            } else if (follow && store.updateFromFile(rule, clock.instant())) {
                log.info("default alert rule '{}' updated from the rules file", rule.name());
            }
        }
    }
}
