package com.dce.analytics.simulator;

import com.dce.analytics.simulator.Services.Service;
import java.math.BigDecimal;

/**
 * The money side of the exchange. Every hour (at a per-account phase) each buyer is invoiced
 * the call revenue of its calls since the last invoice (financial.revenue, so billing reconciles
 * with call revenue) and its payment goes pending, then paid, failed or overdue; each seller's
 * earnings go through a payout queued → processing → paid (rarely failed). Infrastructure costs
 * are booked hourly per service, marketing every six hours.
 */
final class Finance {

    static final long CYCLE_MILLIS = 3_600_000;
    private static final String[] MARKETING_CHANNELS = {"paid_search", "social", "affiliate", "events"};

    private Finance() {}

    static void launch(long from, World world) {
        for (int buyer = 0; buyer < world.market.buyers.size(); buyer++) {
            new Invoicing(buyer).start(from, world);
        }
        for (int seller = 0; seller < world.market.sellers.size(); seller++) {
            new Payouts(seller).start(from, world);
        }
        new Costs().start(from, world);
    }

    /** Events per second these cycles add, roughly (sellers without earnings are skipped). */
    static double eventsPerSecond(SimulatorSettings settings) {
        return (settings.buyers() * 3.0 + settings.sellers() * 3.0 + Services.ALL.size() + 0.25) / 3600.0;
    }

    private static final class Invoicing extends Ticker {
        private final int buyer;
        private long invoices;

        Invoicing(int buyer) {
            super(CYCLE_MILLIS);
            this.buyer = buyer;
        }

        @Override
        void tick(long now, World world) {
            BigDecimal amount = world.ledger.takeUnbilled(buyer);
            if (amount.signum() <= 0) {
                return;
            }
            Market.Buyer account = world.market.buyers.get(buyer);
            String invoice = account.id() + "-inv-" + (++invoices);
            world.emit(
                    "financial.revenue",
                    account.id(),
                    now,
                    Props.with("buyer_id", account.id()).and("amount", amount).and("invoice_id", invoice));
            world.emit(
                    "financial.buyer_payment",
                    account.id(),
                    now,
                    Props.with("buyer_id", account.id())
                            .and("amount", amount)
                            .and("status", "pending")
                            .and("invoice_id", invoice));
            double u = world.rng.uniform();
            double failed = account.misbehaving() ? 0.08 : 0.02;
            double overdue = account.misbehaving() ? 0.25 : 0.05;
            String outcome = u < failed ? "failed" : u < failed + overdue ? "overdue" : "paid";
            long settles = now + (long) world.rng.between(10 * 60_000, 4 * 3_600_000);
            world.schedule(new PaymentUpdate(account.id(), amount, outcome, invoice), settles);
        }
    }

    private static final class PaymentUpdate extends Actor {
        private final String buyer;
        private final BigDecimal amount;
        private final String status;
        private final String invoice;

        PaymentUpdate(String buyer, BigDecimal amount, String status, String invoice) {
            this.buyer = buyer;
            this.amount = amount;
            this.status = status;
            this.invoice = invoice;
        }

        @Override
        long act(long now, World world) {
            world.emit(
                    "financial.buyer_payment",
                    buyer,
                    now,
                    Props.with("buyer_id", buyer)
                            .and("amount", amount)
                            .and("status", status)
                            .and("invoice_id", invoice));
            return DONE;
        }
    }

    /** One seller's payout cycle: collects earnings hourly and walks each payout through its states. */
    private static final class Payouts extends Ticker {
        private final int seller;

        Payouts(int seller) {
            super(CYCLE_MILLIS);
            this.seller = seller;
        }

        @Override
        void tick(long now, World world) {
            BigDecimal amount = world.ledger.takeUnpaid(seller);
            if (amount.signum() > 0) {
                Payout payout = new Payout(world.market.sellers.get(seller).id(), amount);
                world.schedule(payout, now);
            }
        }
    }

    private static final class Payout extends Actor {
        private static final String[] STATUSES = {"queued", "processing", "paid"};
        private final String seller;
        private final BigDecimal amount;
        private int stage;

        Payout(String seller, BigDecimal amount) {
            this.seller = seller;
            this.amount = amount;
        }

        @Override
        long act(long now, World world) {
            boolean fails = stage == 2 && world.rng.chance(0.015);
            world.emit(
                    "financial.seller_payout",
                    seller,
                    now,
                    Props.with("seller_id", seller)
                            .and("amount", amount)
                            .and("status", fails ? "failed" : STATUSES[stage]));
            stage++;
            if (stage == STATUSES.length) {
                return DONE;
            }
            return now
                    + (long)
                            (stage == 1
                                    ? world.rng.between(300_000, 1_800_000)
                                    : world.rng.between(1_800_000, 10_800_000));
        }
    }

    private static final class Costs extends Ticker {
        private long ticks;

        Costs() {
            super(CYCLE_MILLIS);
        }

        @Override
        void tick(long now, World world) {
            Rng rng = world.rng;
            for (Service service : Services.ALL) {
                double cost = service.hourlyCost() * service.instances() * rng.logNormal(1.0, 0.05);
                world.emit(
                        "financial.cost",
                        service.name(),
                        now,
                        Props.with("category", "infrastructure")
                                .and("amount", Rng.money(cost))
                                .and("service", service.name()));
            }
            if (ticks++ % 6 == 0) {
                world.emit(
                        "financial.cost",
                        "marketing",
                        now,
                        Props.with("category", "marketing")
                                .and("amount", Rng.money(rng.logNormal(450, 0.5, 50, 5_000)))
                                .and("channel", rng.oneOf(MARKETING_CHANNELS)));
            }
        }
    }
}
