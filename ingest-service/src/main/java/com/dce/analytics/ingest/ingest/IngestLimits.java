package com.dce.analytics.ingest.ingest;

/** The request limits of the ingest API, from {@code analytics.ingest.max-*}. */
record IngestLimits(int maxBatchEvents, long maxBodyBytes) {}
