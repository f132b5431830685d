package com.dce.analytics.alert.evaluation;

import com.dce.analytics.alert.notify.NewNotification;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertEvent;
import java.util.ArrayList;
import java.util.List;

/** What one evaluation cycle changes, written in one transaction. */
final class CycleChanges {

    final List<Alert> inserts = new ArrayList<>();
    final List<Alert> updates = new ArrayList<>();
    final List<AlertEvent> events = new ArrayList<>();
    final List<NewNotification> notifications = new ArrayList<>();
    int transitions;
}
