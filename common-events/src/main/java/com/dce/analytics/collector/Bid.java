package com.dce.analytics.collector;

import java.math.BigDecimal;

/** A buyer's bid for a call; {@code auctionId} is the call id the auction is for. */
public record Bid(String auctionId, String buyerId, BigDecimal amount) {}
