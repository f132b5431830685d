package com.dce.analytics.collector;

import java.math.BigDecimal;

/**
 * What the collector needs to know about a call of the exchange. Amounts are in the account
 * currency; {@code bidAmount} is per minute of talk time. Optional fields may be null.
 */
public record Call(
        String callId,
        String sellerId,
        String buyerId,
        String state,
        String callerNumber,
        BigDecimal bidAmount,
        String disposition,
        String dropReason,
        BigDecimal audioQualityScore,
        BigDecimal telephonyCost,
        BigDecimal payoutAmount,
        String agentId) {

    /** A call that has just arrived: only seller, state and caller are known. */
    public static Call arriving(String callId, String sellerId, String state, String callerNumber) {
        return new Call(callId, sellerId, null, state, callerNumber, null, null, null, null, null, null, null);
    }
}
