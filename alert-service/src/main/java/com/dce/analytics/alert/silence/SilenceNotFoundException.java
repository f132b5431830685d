package com.dce.analytics.alert.silence;

import java.util.UUID;

/** No silence with that id. */
public final class SilenceNotFoundException extends RuntimeException {

    public SilenceNotFoundException(UUID id) {
        super("no silence with id " + id);
    }
}
