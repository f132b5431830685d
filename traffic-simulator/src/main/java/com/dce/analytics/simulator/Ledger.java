package com.dce.analytics.simulator;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Running totals the financial side of the exchange is built from: call revenue per buyer not
 * yet invoiced, seller earnings not yet paid out, and calls since the last market snapshot. Only
 * emitted events count, so invoices reconcile with the call revenue the platform sees.
 */
final class Ledger {

    private final BigDecimal[] unbilled;
    private final BigDecimal[] unpaid;
    private long callsSinceSnapshot;

    Ledger(int buyers, int sellers) {
        this.unbilled = new BigDecimal[buyers];
        this.unpaid = new BigDecimal[sellers];
        Arrays.fill(unbilled, BigDecimal.ZERO);
        Arrays.fill(unpaid, BigDecimal.ZERO);
    }

    void callStarted() {
        callsSinceSnapshot++;
    }

    void callEnded(int buyer, BigDecimal revenue, int seller, BigDecimal payout) {
        if (buyer >= 0 && revenue != null) {
            unbilled[buyer] = unbilled[buyer].add(revenue);
        }
        if (payout != null) {
            unpaid[seller] = unpaid[seller].add(payout);
        }
    }

    BigDecimal takeUnbilled(int buyer) {
        BigDecimal amount = unbilled[buyer];
        unbilled[buyer] = BigDecimal.ZERO;
        return amount;
    }

    BigDecimal takeUnpaid(int seller) {
        BigDecimal amount = unpaid[seller];
        unpaid[seller] = BigDecimal.ZERO;
        return amount;
    }

    long takeCallsSinceSnapshot() {
        long calls = callsSinceSnapshot;
        callsSinceSnapshot = 0;
        return calls;
    }
}
