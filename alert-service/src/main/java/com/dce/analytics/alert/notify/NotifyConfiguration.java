package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.system.AlertServiceProperties;
import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP client the Slack and PagerDuty senders share. */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean(destroyMethod = "close")
    HttpClient webhookClient(AlertServiceProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.alert().delivery().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
