package com.dce.analytics.alert.support;

import com.dce.analytics.embedded.SharedInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration every integration test starts the service with: its own database, stub receivers, no schedules. */
public final class TestSetup {

    public static final String ROUTING_KEY = "test-routing-key-on-call";
    public static final String CONSOLE = "http://console.test/console/";

    private TestSetup() {}

    /**
     * @param redis whether the hot tier (the JVM's shared Redis) is used, or PostgreSQL alone
     * @param smtpPort GreenMail's port, or 0 for no email
     */
    public static Map<String, String> properties(
            TestDatabase db, WebhookStub slack, WebhookStub pagerDuty, int smtpPort, boolean redis) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", db.url());
        p.put("spring.datasource.username", db.username());
        p.put("spring.datasource.password", db.password());
        p.put("spring.datasource.hikari.maximum-pool-size", "8");
        p.put(
                "analytics.redis.url",
                redis ? "redis://127.0.0.1:" + SharedInfrastructure.redis().port() : "");
        p.put("analytics.alert.evaluation.enabled", "false");
        p.put("analytics.alert.delivery.enabled", "false");
        p.put("analytics.console.base-url", CONSOLE);
        if (slack != null) {
            p.put(
                    "analytics.alert.slack.webhook-url",
                    slack.url("/services/T000/B000/XXXX").toString());
        }
        if (pagerDuty != null) {
            p.put(
                    "analytics.alert.pagerduty.events-url",
                    pagerDuty.url("/v2/enqueue").toString());
            p.put("analytics.alert.pagerduty.routing-keys.on-call", ROUTING_KEY);
        }
        if (smtpPort > 0) {
            p.put("spring.mail.host", "127.0.0.1");
            p.put("spring.mail.port", Integer.toString(smtpPort));
        }
        p.put("logging.level.com.dce.analytics.alert", "INFO");
        return p;
    }
}
