package com.dce.analytics.query.dashboards;

import com.dce.analytics.metrics.Audience;
import java.time.Duration;
import java.util.List;

/** One of the spec's dashboards: who may open it, how often it refreshes, and its widgets. */
record Dashboard(String id, String title, String purpose, Audience audience, Duration refresh, List<Widget> widgets) {}
