package com.dce.analytics.alert.notify;

import java.util.UUID;

/**
 * A notification to queue: for which alert, to which receiver, why, and the message. {@code dedup}
 * is unique in the outbox, so the same transition can never be queued twice.
 */
public record NewNotification(UUID alertId, String receiver, NotificationKind kind, String dedup, Message message) {}
