package com.dce.analytics.report.content;

/** Told how far a report's generation has got, 0–100. */
@FunctionalInterface
public interface Progress {

    Progress NONE = percent -> {};

    void update(int percent);
}
