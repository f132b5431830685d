package com.dce.analytics.store.access;

/** A freshly issued key: the only moment its secret exists outside the caller's hands. */
public record IssuedKey(ApiKey key, String secret) {}
