package io.shopplatform.drills;

import io.shopplatform.loadtests.shop.Catalog;
import io.shopplatform.loadtests.shop.ShopData;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.local.servers.Alertmanager;
import io.shopplatform.monitoring.AlertRouting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * What every drill does around its fault: readies the catalog, sets shoppers going, moves them through the drill's
 * phases (each lasts until shoppers got {@link #ORDERS_PER_PHASE} orders acknowledged, so every phase is measured on
 * the same amount of buying), notes each phase's figures, and at the end finds every acknowledged order again.
 */
final class DrillRun implements AutoCloseable {

    static final String BEFORE = "before";
    /** Orders acknowledged per phase: enough checkouts to meet the fault on every path of the saga. */
    static final int ORDERS_PER_PHASE = 10;
    private static final int SHOPPERS = 3;
    /** A phase that acknowledges no order in this long has stopped the shop selling: the drill says so. */
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(3);
    /** Payments queued while providers failed settle within the payment service's retry schedule. */
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final int CATALOG_MIN = 5, CATALOG_MAX = 30;

    /** The cluster's rules hold for a minute or two before firing, and resolve once their window has passed. */
    private static final Duration ALERT_LIMIT = Duration.ofMinutes(5);

    private final String drill;
    private final DrillTarget target;
    private final Shoppers shoppers;
    private final List<String> figures = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();
    private String phase = BEFORE;
    private long phaseStarted = System.nanoTime();
    private boolean finished;

    DrillRun(String drill, DrillTarget target) {
        this.drill = drill;
        this.target = target;
        Catalog catalog = new ShopData(target.shop()).prepare(CATALOG_MIN, CATALOG_MAX);
        this.shoppers = new Shoppers(target.shop(), catalog, SHOPPERS, BEFORE);
    }

    /** Lets shoppers buy until this phase has its orders; a phase that cannot get them is a broken invariant. */
    void shopUntilOrders() throws InterruptedException {
        if (!shoppers.awaitAcknowledged(phase, ORDERS_PER_PHASE, PHASE_LIMIT)) {
            broken.add(phase + ": only " + shoppers.acknowledged(phase).size() + " of " + ORDERS_PER_PHASE
                    + " orders acknowledged in " + PHASE_LIMIT.toMinutes() + " min");
        }
    }

    /** Lets shoppers go on for {@code length}, whatever they get (a phase in which the shop cannot sell). */
    void shopFor(Duration length) throws InterruptedException {
        Thread.sleep(length.toMillis());   // the phase's length is the measurement window, not a wait for a condition
    }

    /** Ends the current phase (its figures noted) and starts {@code name}. */
    void next(String name) {
        noteFigures();
        phase = name;
        phaseStarted = System.nanoTime();
        shoppers.phase(name);
    }

    /** Seconds since the current phase began. */
    double secondsIntoPhase() {
        return (System.nanoTime() - phaseStarted) / 1e9;
    }

    /** Shopper-visible failures (5xx, no answer) of {@code call} in {@code phase}. */
    long failures(String phase, Shoppers.Call call) {
        return shoppers.failures(phase, call);
    }

    /** Shoppers' calls in {@code phase} that got no answer at all (refused, reset, or none within their timeout). */
    long unanswered(String phase) {
        return shoppers.outcomes(phase).stream().filter(o -> o.status() < 0).count();
    }

    int acknowledged(String phase) {
        return shoppers.acknowledged(phase).size();
    }

    /** Every order acknowledged so far, in every phase. */
    List<Shoppers.Acknowledged> acknowledged() {
        return shoppers.acknowledged();
    }

    /**
     * Where the tier's Prometheus watches this shop, waits while shoppers shop until {@code alert} fires
     * ({@code firing}) or has resolved, and notes how long that took into the phase; elsewhere it does nothing. A
     * fired alert must then reach Alertmanager and, when its route sends it now, the receiver's mailbox.
     */
    void awaitAlert(String alert, boolean firing) {
        if (!target.alerting()) {
            return;
        }
        String state = firing ? "fired" : "resolved";
        Alertmanager alertmanager = target.tier().alertmanager();
        int toldBefore = firing ? told(alertmanager, alert) : 0;
        if (Supervisor.waitFor(() -> target.tier().prometheus().firingAlertNames()
                .map(names -> names.contains(alert) == firing).orElse(false), ALERT_LIMIT)) {
            figures.add(String.format("alert %s %s %.1f s into \"%s\"", alert, state, secondsIntoPhase(), phase));
        } else {
            broken.add("alert " + alert + " not " + state + " within " + ALERT_LIMIT.toMinutes() + " min into \"" + phase + "\"");
            return;
        }
        if (firing) {
            awaitOperatorTold(alertmanager, alert, toldBefore);
        }
    }

    /** The operator is told as the cluster would tell them: Alertmanager routes the alert, and its receiver gets mail. */
    private void awaitOperatorTold(Alertmanager alertmanager, String alert, int toldBefore) {
        long fired = System.nanoTime();
        AtomicReference<Alertmanager.Held> held = new AtomicReference<>();
        if (!Supervisor.waitFor(() -> alertmanager.held(alert).map(h -> {
            held.set(h);
            return true;
        }).orElse(false), ALERT_LIMIT)) {
            broken.add("alert " + alert + " never reached Alertmanager");
            return;
        }
        List<String> receivers = held.get().receivers();
        if (!AlertRouting.notifiesAt(held.get().severity(), Instant.now())) {
            figures.add("alert " + alert + " (" + held.get().severity() + ") routed to " + receivers
                    + ", held there outside business hours as in the cluster");
            return;
        }
        if (Supervisor.waitFor(() -> told(alertmanager, alert) > toldBefore, ALERT_LIMIT)) {
            figures.add(String.format("alert %s (%s) routed to %s: notification in %s's mailbox %.1f s after it fired",
                    alert, held.get().severity(), receivers, receivers, (System.nanoTime() - fired) / 1e9));
        } else {
            broken.add("alert " + alert + " routed to " + receivers + " but no notification reached it within "
                    + ALERT_LIMIT.toMinutes() + " min");
        }
    }

    /** Notifications of {@code alert} firing that any receiver's local mailbox holds. */
    private static int told(Alertmanager alertmanager, String alert) {
        return Stream.of(AlertRouting.PAGER, AlertRouting.CHAT)
                .mapToInt(r -> (int) alertmanager.notifications(r).orElse(List.of()).stream()
                        .filter(s -> s.startsWith("[FIRING") && s.contains(" " + alert + " ")).count())
                .sum();
    }

    void figure(String line) {
        figures.add(line);
    }

    void broken(String invariant) {
        broken.add(invariant);
    }

    /** Stops the shoppers, then checks that every order the shop acknowledged is there and settled. */
    void stop() throws InterruptedException {
        noteFigures();
        finished = true;
        shoppers.close();
        List<String> lost = shoppers.lostOrders(SETTLE);
        figures.add(String.format("orders: %d acknowledged, by status now %s, %d lost", shoppers.acknowledged().size(),
                shoppers.statuses(), lost.size()));
        lost.forEach(l -> broken.add("acknowledged order not confirmed: " + l));
    }

    ShopDrill.Report report() {
        return new ShopDrill.Report(drill, figures, broken);
    }

    private void noteFigures() {
        figures.add(shoppers.figures(phase) + String.format(" in %.1f s", secondsIntoPhase()));
    }

    /** A drill that failed half-way still stops its shoppers. */
    @Override
    public void close() throws InterruptedException {
        if (!finished) {
            shoppers.close();
        }
    }
}
