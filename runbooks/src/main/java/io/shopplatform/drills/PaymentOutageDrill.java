package io.shopplatform.drills;

import io.shopplatform.loadtests.shop.ServiceMetrics;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.monitoring.AlertRules;
import io.shopplatform.model.Shop;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed's payment provider failure: the primary provider's charge API fails while shoppers check out. The
 * payment service's breaker for it must open, the secondary must take the charges, and once the primary is back the
 * breaker must close again; no order may be charged at both providers, and every acknowledged order must end
 * confirmed (a payment queued while both failed settles later).
 */
public final class PaymentOutageDrill implements ShopDrill {

    private static final Duration BREAKER_LIMIT = Duration.ofMinutes(2);

    @Override
    public String name() {
        return "payment-outage";
    }

    @Override
    public String description() {
        return "the primary payment provider fails under checkouts: breaker opens, the secondary charges, nothing twice";
    }

    @Override
    public Report run(DrillTarget target) throws InterruptedException {
        PaymentProvider primary = Shop.PAYMENT_PROVIDERS_IN_ORDER.get(0), secondary = Shop.PAYMENT_PROVIDERS_IN_ORDER.get(1);
        ProviderSimulator first = new ProviderSimulator(primary, target.simulator(primary.name()));
        ProviderSimulator second = new ProviderSimulator(secondary, target.simulator(secondary.name()));
        String payment = target.shop().managementUrls().get(Shop.PAYMENT);
        String down = primary.name() + " down", back = primary.name() + " back";
        try (DrillRun run = new DrillRun(name(), target)) {
            run.shopUntilOrders();
            Set<String> secondaryBefore = second.chargedKeys();

            run.next(down);
            first.down();
            awaitBreaker(run, payment, primary, "open", "its charge API failed");
            run.shopUntilOrders();
            run.awaitAlert(AlertRules.PAYMENT_PROVIDER_FAILING, true);
            Set<String> bySecondary = new TreeSet<>(second.chargedKeys());
            bySecondary.removeAll(secondaryBefore);
            run.figure(bySecondary.size() + " charges taken by " + secondary.name() + " during the outage");
            if (bySecondary.isEmpty()) {
                run.broken(secondary.name() + " took no charge while " + primary.name() + " was down");
            }

            run.next(back);
            first.up();
            awaitBreaker(run, payment, primary, "closed", "it answered again");
            run.shopUntilOrders();
            run.awaitAlert(AlertRules.PAYMENT_PROVIDER_FAILING, false);
            run.stop();

            Set<String> twice = ProviderSimulator.chargedAtBoth(first, second);
            run.figure("orders charged at both providers: " + twice.size());
            twice.forEach(key -> run.broken("charged at both providers: " + key));
            return run.report();
        } finally {
            first.up();
        }
    }

    /** Waits while shoppers shop until the payment service reports {@code provider}'s breaker in {@code state}. */
    private static void awaitBreaker(DrillRun run, String payment, PaymentProvider provider, String state, String since) {
        if (Supervisor.waitFor(() -> breaker(payment, provider, state), BREAKER_LIMIT)) {
            run.figure(String.format("%s's breaker %s %.1f s after %s", provider.name(), state, run.secondsIntoPhase(), since));
        } else {
            run.broken(provider.name() + "'s breaker not " + state + " within " + BREAKER_LIMIT.toSeconds() + " s after " + since);
        }
    }

    /** Whether the payment service reports {@code provider}'s breaker in {@code state} (resilience4j's gauge). */
    private static boolean breaker(String managementUrl, PaymentProvider provider, String state) {
        return ServiceMetrics.scrape(Map.of(Shop.PAYMENT, managementUrl)).ofService(Shop.PAYMENT,
                "resilience4j_circuitbreaker_state", "name=\"" + provider.name() + "\"", "state=\"" + state + "\"") == 1.0;
    }
}
