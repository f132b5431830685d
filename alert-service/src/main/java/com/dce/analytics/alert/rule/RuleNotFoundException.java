package com.dce.analytics.alert.rule;

/** No (live) rule of that name. */
public final class RuleNotFoundException extends RuntimeException {

    public RuleNotFoundException(String name) {
        super("no alert rule named '" + name + "'");
    }
}
