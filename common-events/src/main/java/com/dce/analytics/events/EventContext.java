package com.dce.analytics.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Where an event came from: request, session, client and deployment, as in the product spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventContext(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("ip_address") String ipAddress,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("environment") String environment,
        @JsonProperty("version") String version,
        @JsonProperty("tags") Map<String, String> tags) {

    public static final EventContext EMPTY = new EventContext(null, null, null, null, null, null, Map.of());

    public EventContext {
        tags = tags == null ? Map.of() : tags;
    }

    public EventContext withClient(String newIpAddress, String newUserAgent) {
        return new EventContext(requestId, sessionId, newIpAddress, newUserAgent, environment, version, tags);
    }
}
