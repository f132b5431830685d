package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.rule.Route;

/** Delivers a message to one kind of receiver; never throws, every failure is a result. */
interface Sender {

    Route.Channel channel();

    DeliveryResult send(Message message, String target);
}
