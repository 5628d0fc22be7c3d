package io.shopplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.drills.ShopDrill;
import io.shopplatform.drills.DrillTarget;
import io.shopplatform.drills.ShopDrills;
import io.shopplatform.loadtests.shop.ShopTarget;
import io.shopplatform.local.Layout;
import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.machine.Console;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.testing.DataTier;
import io.shopplatform.user.Api;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shop drill of {@code ./platform drill}, run against the shop {@link TheShop} runs (its services on the tests'
 * tier, its payment simulators): the same code, the same invariants (nothing acknowledged lost, nothing charged twice,
 * every layer back by itself). The tier's servers a drill kills are the tier's own, restored the way
 * {@code ./platform up} starts them; it runs last, after the tests that only read the shop.
 */
@Order(Integer.MAX_VALUE)
class ShopDrillsIntegrationTests {

    static Stream<String> drills() {
        return ShopDrills.ALL.stream().map(ShopDrill::name);
    }

    @ParameterizedTest
    @MethodSource("drills")
    void theShopKeepsSellingAndLosesNothing(String name) throws InterruptedException {
        ShopDrill.Report report = ShopDrills.named(name).orElseThrow().run(target());

        ShopDrills.print(report, System.out);
        assertThat(report.broken()).as(name + "'s broken invariants").isEmpty();
        assertThat(report.figures()).as("figures printed").anyMatch(f -> f.startsWith("orders: "));
    }

    private static DrillTarget target() {
        TheShop shop = TheShop.shared();
        PaymentSimulators sims = PaymentSimulators.shared();
        ShopTarget target = new ShopTarget("http://127.0.0.1:" + shop.gatewayPort(), sims.url(PaymentSimulators.Sim.STRIPE),
                PaymentSimulators.KEY, shop.adminEmail(), Api.GOOD_PASSWORD, shop.managementUrls());
        DataTier tier = DataTier.shared();
        Path repo = Path.of("..").toAbsolutePath().normalize();
        LocalPlatform servers = new LocalPlatform(new Layout(repo, tier.home(), Layout.configuredBasePort()),
                new Console(System.out));
        Map<String, String> simulators = new LinkedHashMap<>();
        for (PaymentSimulators.Sim sim : PaymentSimulators.Sim.values()) {
            simulators.put(sim.provider().name(), sims.url(sim));
        }
        DrillTarget.Processes processes = DrillTarget.Processes.of(shop::kill, shop::restart);
        return new DrillTarget(target, servers, simulators, () -> tier.connect(tier.superuser()), processes, false);
    }
}
