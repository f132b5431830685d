package com.dce.analytics.alert.state;

import java.time.Instant;
import java.util.UUID;

/** Who acknowledged an alert (the API key's name and id) and when. */
public record Acknowledgement(Instant at, String by, UUID keyId, String comment) {}
