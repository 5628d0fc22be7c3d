package io.shopplatform.loadtests.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopplatform.model.Shop;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesTests {

    private static final ServiceMetrics FAST_STATEMENTS = new ServiceMetrics(Map.of("order", ServiceMetrics.parse("""
            shop_db_queries_seconds_bucket{kind="read",le="0.05"} 100.0
            shop_db_queries_seconds_count{kind="read"} 100.0
            shop_db_queries_seconds_bucket{kind="write",le="0.1"} 100.0
            shop_db_queries_seconds_count{kind="write"} 100.0
            """)));

    @Test
    void aFailedErrorGateNamesTheGroupsAndStatusesThatFailed() {
        Recorder recorder = new Recorder(60_000, 1);
        for (int i = 0; i < 300; i++) {
            recorder.record(Action.PRODUCT, 200, 20);
        }
        recorder.record(Action.CHECKOUT, 409, 40);
        recorder.record(Action.CART_ADD, Recorder.NO_ANSWER, 10_000);
        recorder.record(Action.CARD_TOKEN, 500, 5);   // the provider's simulator, outside the shop's gates

        Gates.Gate errors = Gates.check(Shop.PLATFORM, recorder, -1, FAST_STATEMENTS).stream()
                .filter(g -> g.name().equals("error rate")).findFirst().orElseThrow();

        assertThat(errors.passed()).as("2 of 302 at a 0.1%% budget happen in 3.7%% of runs").isTrue();
        assertThat(errors.measured()).startsWith("0.662% (2 of 302: cart add no answer×1, checkout 409×1), which a shop"
                + " within the budget gives 3.7");
    }

    @Test
    void manyMoreErrorsThanTheBudgetExplainsFailTheGate() {
        Recorder recorder = new Recorder(60_000, 1);
        for (int i = 0; i < 10_000; i++) {
            recorder.record(Action.PRODUCT, i % 50 == 0 ? 503 : 200, 20);   // 2%, twenty times the budget
        }

        Gates.Gate errors = Gates.check(Shop.PLATFORM, recorder, -1, FAST_STATEMENTS).stream()
                .filter(g -> g.name().equals("error rate")).findFirst().orElseThrow();

        assertThat(errors.passed()).isFalse();
        assertThat(errors.measured()).startsWith("2.000% (200 of 10000: product view 503×200)");
    }

    @Test
    void theChanceOfSoManyErrorsIsTheBinomialTail() {
        assertThat(Gates.chanceOfAtLeast(0, 353, 0.001)).isEqualTo(1.0);
        assertThat(Gates.chanceOfAtLeast(1, 353, 0.001)).isCloseTo(1 - Math.pow(0.999, 353), within(1e-12));
        assertThat(Gates.chanceOfAtLeast(3, 353, 0.001)).isCloseTo(0.005603, within(1e-6));
        assertThat(Gates.chanceOfAtLeast(130, 100_000, 0.001)).as("three standard deviations past 100")
                .isBetween(0.001, 0.01);
    }

    @Test
    void expectedStatusesPassEveryGate() {
        Recorder recorder = new Recorder(60_000, 1);
        recorder.record(Action.PRODUCT, 200, 20);
        recorder.record(Action.CHECKOUT, 201, 300);

        assertThat(Gates.check(Shop.PLATFORM, recorder, -1, FAST_STATEMENTS)).allMatch(Gates.Gate::passed);
    }
}
