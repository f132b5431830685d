package com.dce.analytics.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Account lifecycle and the executive KPIs' denominators: a slow trickle of buyer and seller
 * accounts opening and closing, and every five minutes a snapshot of active accounts (the buyer
 * snapshot also carries the calls of the whole market, of which this exchange sees a share).
 * Besides the trading buyers and sellers the exchange has a tail of small accounts; accounts
 * opened during the simulation do not trade.
 */
final class Accounts {

    static final long SNAPSHOT_MILLIS = 5 * 60_000;
    /** This exchange's share of all pay-per-call calls in the market. */
    private static final double MARKET_SHARE = 0.18;

    private static final double OPENINGS_PER_DAY = 11;
    private static final double CLOSINGS_PER_DAY = 8;
    private static final String[] CHANNELS = {"organic", "referral", "paid_search", "partner", "outbound_sales"};
    private static final String[] CLOSE_REASONS = {"low_volume", "pricing", "quality", "fraud_review", "other"};

    private final long[] active = new long[2];
    private final List<List<String>> opened = List.of(new ArrayList<>(), new ArrayList<>());
    private long nextId;

    private Accounts(World world) {
        active[0] = world.market.buyers.size() * 3L;
        active[1] = world.market.sellers.size() * 2L;
    }

    static void launch(long from, World world) {
        Accounts accounts = new Accounts(world);
        new Snapshots(accounts).start(from, world);
        new Churn(accounts).start(from, world);
    }

    static double eventsPerSecond() {
        return 2_000.0 / SNAPSHOT_MILLIS + (OPENINGS_PER_DAY + CLOSINGS_PER_DAY) / 86_400;
    }

    private static String type(int kind) {
        return kind == 0 ? "buyer" : "seller";
    }

    private static final class Snapshots extends Ticker {
        private final Accounts accounts;

        Snapshots(Accounts accounts) {
            super(SNAPSHOT_MILLIS);
            this.accounts = accounts;
        }

        @Override
        void tick(long now, World world) {
            long marketCalls = Math.round(world.ledger.takeCallsSinceSnapshot() / MARKET_SHARE);
            world.emit(
                    "account.snapshot",
                    "exchange",
                    now,
                    Props.with("account_type", "buyer")
                            .and("active_accounts", accounts.active[0])
                            .and("market_calls", marketCalls));
            world.emit(
                    "account.snapshot",
                    "exchange",
                    now,
                    Props.with("account_type", "seller").and("active_accounts", accounts.active[1]));
        }
    }

    private static final class Churn extends PoissonActor {
        private final Accounts accounts;

        Churn(Accounts accounts) {
            super((OPENINGS_PER_DAY + CLOSINGS_PER_DAY) / 86_400, false);
            this.accounts = accounts;
        }

        @Override
        void arrive(long now, World world) {
            Rng rng = world.rng;
            int kind = rng.chance(0.3) ? 0 : 1;
            if (rng.chance(OPENINGS_PER_DAY / (OPENINGS_PER_DAY + CLOSINGS_PER_DAY))) {
                String id = type(kind) + "-n" + (++accounts.nextId);
                accounts.opened.get(kind).add(id);
                accounts.active[kind]++;
                double cost = kind == 0 ? rng.logNormal(450, 0.6) : rng.logNormal(120, 0.6);
                world.emit(
                        "account.created",
                        id,
                        now,
                        Props.with("account_type", type(kind))
                                .and("channel", rng.oneOf(CHANNELS))
                                .and("acquisition_cost", Rng.money(cost)));
                return;
            }
            List<String> candidates = accounts.opened.get(kind);
            String id = !candidates.isEmpty() && rng.chance(0.3)
                    ? candidates.remove(rng.nextInt(candidates.size()))
                    : type(kind) + "-t" + rng.intBetween(1, 999);
            accounts.active[kind] = Math.max(0, accounts.active[kind] - 1);
            world.emit(
                    "account.closed",
                    id,
                    now,
                    Props.with("account_type", type(kind)).and("reason", rng.oneOf(CLOSE_REASONS)));
        }
    }
}
