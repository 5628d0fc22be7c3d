package io.shopplatform.loadtests.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopplatform.model.Shop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadPlanTests {

    @Test
    void aScaledProfileOffersTheScaledRequestRateThroughItsThinkTime() {
        LoadPlan plan = LoadPlan.of("normal", 0.05, LoadPlan.Shape.CONSTANT, null, 1);
        var normal = Shop.PLATFORM.loadProfile("normal");

        assertThat(plan.users()).isEqualTo(Math.round(normal.concurrentUsers() * 0.05));
        assertThat(plan.users() / (plan.thinkTime().toMillis() / 1000.0)).isCloseTo(plan.requestsPerSecond(),
                org.assertj.core.data.Offset.offset(0.5));
        assertThat(plan.duration()).isEqualTo(normal.duration());
    }

    @Test
    void aSoakLastsAsLongAsTheLongestProfileAndAStepSearchSplitsItsDurationIntoLevels() {
        assertThat(LoadPlan.of("normal", 0.01, LoadPlan.Shape.SOAK, null, 1).duration())
                .isEqualTo(Shop.PLATFORM.loadProfile("black-friday").duration());
        LoadPlan step = LoadPlan.of("normal", 0.01, LoadPlan.Shape.STEP, Duration.ofMinutes(10), 5);
        assertThat(step.levels()).isEqualTo(5);
        assertThat(step.levelDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ShopSimulation.shape(step)).hasSize(5);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> LoadPlan.of("cyber-monday", 0.1, LoadPlan.Shape.CONSTANT, null, 1))
                .hasMessageStartingWith("profile: 'cyber-monday' is none of [normal, flash-sale, black-friday]");
        assertThatThrownBy(() -> LoadPlan.of("normal", 2, LoadPlan.Shape.CONSTANT, null, 1)).hasMessageStartingWith("--scale");
        assertThatThrownBy(() -> LoadPlan.of("normal", 0.0001, LoadPlan.Shape.CONSTANT, null, 1))
                .hasMessageContaining("without a single user");
        assertThatThrownBy(() -> LoadPlan.Shape.parse("wave")).hasMessageStartingWith("--shape: 'wave'");
    }
}
