package io.shopplatform.drills;

import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.database.Database;
import io.shopplatform.local.drills.PrimaryFailureDrill;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Shop;
import io.shopplatform.monitoring.AlertRules;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seed's database master failure under shoppers' checkouts: every process of the primary member is killed at
 * once, as a machine loss would. The data tier's own drill ({@link PrimaryFailureDrill}) times PgPool's detection, the
 * promotion and the first write on a connection opened after the kill; shoppers time the first checkout sent after
 * it that the shop acknowledged. The old primary stays lost until the operator is told ({@code DatabaseStandbyMissing}:
 * the new primary has a standby fewer), then is rebuilt as a standby of the new one. Afterwards the tier must be one
 * primary with every standby streaming, every acknowledged order must be in the database, and none paid twice.
 */
public final class DatabasePrimaryFailureDrill implements ShopDrill {

    /** Rewinding (or copying) the old primary and PgPool attaching it again. */
    private static final Duration REJOIN_LIMIT = Duration.ofMinutes(2);
    /** Payment states in which the provider holds the shopper's money (or did, before a refund). */
    private static final String MONEY_TAKEN = "('AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED')";

    @Override
    public String name() {
        return "primary-failure";
    }

    @Override
    public String description() {
        return "every process of the primary database member killed under checkouts: failover, checkouts resume, "
                + "it is rebuilt as a standby";
    }

    @Override
    public Report run(DrillTarget target) throws InterruptedException {
        LocalPlatform tier = target.tier();
        String killed = "primary killed", rebuilt = "old primary rebuilt";
        boolean memberLost = false;
        try (DrillRun run = new DrillRun(name(), target)) {
            run.shopUntilOrders();

            run.next(killed);
            memberLost = true;
            PrimaryFailureDrill.Report failover = new PrimaryFailureDrill().run(tier);
            PrimaryFailureDrill.Failover f = failover.failover();
            run.figure(failover.summary());
            failover.violations().forEach(run::broken);
            run.shopUntilOrders();
            Optional<Duration> firstCheckout = Shoppers.Acknowledged.firstAfter(run.acknowledged(), f.killed());
            firstCheckout.ifPresentOrElse(
                    d -> run.figure(String.format("first checkout sent after the kill acknowledged (201) %.3f s after it",
                            d.toNanos() / 1e9)),
                    () -> run.broken("no checkout sent after the kill of " + f.oldPrimary() + " was acknowledged"));
            run.awaitAlert(AlertRules.STANDBY_MISSING, true);   // the operator is told while the old primary is away

            run.next(rebuilt);
            tier.upDatabase();   // its entry point rewinds it onto the new primary (or copies it afresh)
            memberLost = false;
            awaitStandby(run, tier.database(), f.newPrimary(), f.oldPrimary());
            run.shopUntilOrders();
            run.awaitAlert(AlertRules.STANDBY_MISSING, false);
            if (target.alerting() && tier.prometheus().firingAlertNames()
                    .map(names -> names.contains(AlertRules.PRIMARY_DOWN)).orElse(false)) {
                run.broken(AlertRules.PRIMARY_DOWN + " firing with one primary and every standby back");
            }
            run.stop();
            checkDatabase(run, target);
            List<PaymentProvider> providers = Shop.PAYMENT_PROVIDERS_IN_ORDER;
            Set<String> twice = ProviderSimulator.chargedAtBoth(
                    new ProviderSimulator(providers.get(0), target.simulator(providers.get(0).name())),
                    new ProviderSimulator(providers.get(1), target.simulator(providers.get(1).name())));
            run.figure("charged at both providers (their journals): " + twice.size());
            twice.forEach(key -> run.broken("charged at both providers: " + key));
            return run.report();
        } catch (SQLException e) {
            throw new IllegalStateException("primary-failure: the tier's drill could not reach the database: " + e, e);
        } finally {
            if (memberLost) {   // a drill that failed half-way still leaves the tier whole
                tier.upDatabase();
            }
        }
    }

    /** Waits until {@code primary} is the only primary, every other member streams from it and every PgPool uses it. */
    private static void awaitStandby(DrillRun run, Database database, String primary, String returned) {
        List<String> standbys = database.members().stream().filter(n -> !n.equals(primary)).toList();
        if (Supervisor.waitFor(() -> database.replication().primaries().equals(List.of(primary))
                && standbys.stream().allMatch(s -> database.replication().caughtUp(primary, s))
                && database.poolNodes().attachedEverywhere(returned), REJOIN_LIMIT)) {
            run.figure(String.format("%s back as a standby of %s: 1 primary, %d standbys streaming, attached in every "
                    + "PgPool %.1f s after its rebuild began", returned, primary, standbys.size(), run.secondsIntoPhase()));
        } else {
            run.broken("tier not back to 1 primary (" + primary + ") and " + standbys + " streaming and attached within "
                    + REJOIN_LIMIT.toSeconds() + " s of the rebuild: primaries now " + database.replication().primaries());
        }
    }

    /**
     * Counts the orders acknowledged on the client in the database itself (they must all be there: exactly as many),
     * and looks for an order with money taken by two payments.
     */
    private static void checkDatabase(DrillRun run, DrillTarget target) {
        List<Long> acknowledged = run.acknowledged().stream().map(Shoppers.Acknowledged::orderId).toList();
        try (Connection c = target.database().connect()) {
            Array ids = c.createArrayOf("bigint", acknowledged.toArray());
            Set<Long> stored = orderIds(c, "SELECT order_id FROM orders.orders WHERE order_id = ANY(?)", ids);
            Set<Long> paidTwice = orderIds(c, "SELECT order_id FROM payments.payments WHERE order_id = ANY(?) AND status IN "
                    + MONEY_TAKEN + " GROUP BY order_id HAVING count(*) > 1", ids);
            Set<Long> missing = new HashSet<>(acknowledged);
            missing.removeAll(stored);
            run.figure(String.format("orders acknowledged on the client %d, of them in orders.orders %d, missing %d; "
                    + "orders with money taken twice %d", acknowledged.size(), stored.size(), missing.size(), paidTwice.size()));
            missing.forEach(id -> run.broken("acknowledged order " + id + " not in the database"));
            paidTwice.forEach(id -> run.broken("order " + id + " has two payments that took money"));
        } catch (SQLException e) {
            run.broken("could not count the acknowledged orders in the database: " + e.getMessage());
        }
    }

    private static Set<Long> orderIds(Connection c, String sql, Array ids) throws SQLException {
        Set<Long> found = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }
}
