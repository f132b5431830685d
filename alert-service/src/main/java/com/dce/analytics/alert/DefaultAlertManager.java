package com.dce.analytics.alert;

import com.dce.analytics.alert.evaluation.AlertActions;
import com.dce.analytics.alert.evaluation.EvaluationReport;
import com.dce.analytics.alert.evaluation.Evaluator;
import com.dce.analytics.alert.rule.AlertRule;
import com.dce.analytics.alert.rule.RuleService;
import com.dce.analytics.alert.rule.StoredRule;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertStore;
import com.dce.analytics.alert.state.HistoryQuery;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** {@link AlertManager} over the feature services. */
@Service
class DefaultAlertManager implements AlertManager {

    private final RuleService rules;
    private final Evaluator evaluator;
    private final AlertActions actions;
    private final AlertStore alerts;

    DefaultAlertManager(RuleService rules, Evaluator evaluator, AlertActions actions, AlertStore alerts) {
        this.rules = rules;
        this.evaluator = evaluator;
        this.actions = actions;
        this.alerts = alerts;
    }

    @Override
    public StoredRule createAlertRule(AlertRule rule, String actor) {
        return rules.create(rule, actor);
    }

    @Override
    public StoredRule updateAlertRule(String ruleId, AlertRule rule, String actor, Integer expectedVersion) {
        return rules.update(ruleId, rule, actor, expectedVersion);
    }

    @Override
    public void deleteAlertRule(String ruleId, String actor) {
        rules.delete(ruleId, actor);
    }

    @Override
    public EvaluationReport evaluateAlerts() {
        return evaluator.evaluate(true);
    }

    @Override
    public Alert sendAlert(UUID alertId, String actor) {
        return actions.resend(alertId, actor);
    }

    @Override
    public Alert acknowledgeAlert(UUID alertId, String userName, UUID userId, String comment) {
        return actions.acknowledge(alertId, userName, userId, comment);
    }

    @Override
    public List<Alert> getActiveAlerts() {
        return alerts.active();
    }

    @Override
    public List<Alert> getAlertHistory(HistoryQuery params) {
        return alerts.history(params);
    }
}
