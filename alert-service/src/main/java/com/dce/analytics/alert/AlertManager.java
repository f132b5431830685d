package com.dce.analytics.alert;

import com.dce.analytics.alert.evaluation.EvaluationReport;
import com.dce.analytics.alert.rule.AlertRule;
import com.dce.analytics.alert.rule.StoredRule;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.HistoryQuery;
import java.util.List;
import java.util.UUID;

/**
 * The spec's AlertManager, in Java: rule configuration, alert processing and alert queries. The
 * caller's identity (the API key's name and id) stands for the spec's user.
 */
public interface AlertManager {

    StoredRule createAlertRule(AlertRule rule, String actor);

    /** @param expectedVersion the version the caller last read, or null to overwrite whatever is there */
    StoredRule updateAlertRule(String ruleId, AlertRule rule, String actor, Integer expectedVersion);

    void deleteAlertRule(String ruleId, String actor);

    /** One evaluation cycle now (unless another replica holds the evaluation lease). */
    EvaluationReport evaluateAlerts();

    /** Sends a firing alert's notifications again. */
    Alert sendAlert(UUID alertId, String actor);

    Alert acknowledgeAlert(UUID alertId, String userName, UUID userId, String comment);

    List<Alert> getActiveAlerts();

    List<Alert> getAlertHistory(HistoryQuery params);
}
