package com.dce.analytics.alert.system;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of alert-service ({@code analytics.*}); the database is Spring's
 * {@code spring.datasource.*}, SMTP is Spring's {@code spring.mail.*}. Webhook URLs, routing keys
 * and passwords come from the environment, never from the repository.
 *
 * @param redis the hot tier of the metric stores (blank url: read history from PostgreSQL only)
 * @param security the bootstrap admin key (never a default)
 * @param console where alert messages link to
 * @param alert rules, evaluation, delivery and receivers
 */
@ConfigurationProperties("analytics")
public record AlertServiceProperties(
        @DefaultValue Redis redis,
        @DefaultValue Security security,
        @DefaultValue Console console,
        @DefaultValue Alert alert) {

    public record Redis(
            @DefaultValue("redis://localhost:6379") String url) {}

    /** @param bootstrapAdminKey registered as an ADMIN key at start-up when set (from the environment) */
    public record Security(String bootstrapAdminKey) {}

    /** @param baseUrl the web console; messages link to {@code <baseUrl>alerts.html#alert=<id>} */
    public record Console(
            @DefaultValue("http://localhost:8080/console/") URI baseUrl) {}

    /**
     * @param parameters named values conditions may use (e.g. {@code daily_target}); a rule's own
     *     parameters take precedence
     */
    public record Alert(
            @DefaultValue Rules rules,
            Map<String, BigDecimal> parameters,
            @DefaultValue Evaluation evaluation,
            @DefaultValue Delivery delivery,
            @DefaultValue Slack slack,
            @DefaultValue PagerDuty pagerduty,
            @DefaultValue Email email) {

        public Alert {
            TreeMap<String, BigDecimal> normalised = new TreeMap<>();
            if (parameters != null) {
                // environment variables cannot carry '_' in map keys: daily-target is daily_target
                parameters.forEach((k, v) -> normalised.put(k.replace('-', '_'), v));
            }
            parameters = normalised;
        }
    }

    /**
     * @param file the default rules (YAML), a Spring resource location
     * @param updateFromFile whether a default rule nobody has edited follows changes of the file
     */
    public record Rules(
            @DefaultValue("classpath:com/dce/analytics/alert/alert-rules.yml")
            String file,

            @DefaultValue("true") boolean updateFromFile) {}

    /**
     * @param enabled whether this instance evaluates on a schedule (tests drive cycles themselves)
     * @param interval time between cycles
     * @param queryParallelism distinct metric queries run at once
     * @param maxSeriesPerQuery the widest grouped query an evaluation may run
     * @param batchFilterValues at most this many rules whose filters differ in one value are read
     *     with one grouped query
     */
    public record Evaluation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15s") Duration interval,
            @DefaultValue("4") int queryParallelism,
            @DefaultValue("50000") int maxSeriesPerQuery,
            @DefaultValue("500") int batchFilterValues) {}

    /**
     * @param enabled whether this instance delivers notifications on a schedule
     * @param pollInterval how often the outbox is checked for due notifications
     * @param batchSize notifications claimed at once
     * @param maxAttempts attempts before a notification is given up (and recorded as failed)
     * @param initialBackoff delay before the second attempt; doubled each time
     * @param maxBackoff longest delay between attempts
     * @param lease how long a claimed notification is reserved for one instance
     * @param failingAfter consecutive failed attempts after which a receiver counts as failing
     * @param connectTimeout HTTP connect timeout for webhooks
     * @param requestTimeout HTTP request timeout for webhooks
     */
    public record Delivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("5s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("3") int failingAfter,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration requestTimeout) {}

    /**
     * @param webhookUrl the incoming webhook used for every channel without its own
     * @param webhooks incoming webhooks by channel name without '#', e.g. {@code ops-alerts}
     */
    public record Slack(URI webhookUrl, Map<String, URI> webhooks) {
        public Slack {
            webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
        }
    }

    /**
     * @param eventsUrl the Events API v2 endpoint
     * @param routingKeys integration (routing) keys by the service names rules use, e.g. {@code on-call}
     * @param source the {@code payload.source} of events
     */
    public record PagerDuty(
            @DefaultValue("https://events.pagerduty.com/v2/enqueue")
            URI eventsUrl,

            Map<String, String> routingKeys,
            @DefaultValue("call-exchange-analytics") String source) {
        public PagerDuty {
            routingKeys = routingKeys == null ? Map.of() : Map.copyOf(routingKeys);
        }
    }

    /** @param from the sender address of alert emails */
    public record Email(
            @DefaultValue("alerts@call-exchange-analytics.local")
            String from) {}
}
