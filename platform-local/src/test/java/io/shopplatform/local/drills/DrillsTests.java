package io.shopplatform.local.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.datatier.Sizing;
import io.shopplatform.model.Shop;
import org.junit.jupiter.api.Test;

/** The front door's list of drills, and the numbers the drills derive from the rendered health checks. */
class DrillsTests {

    @Test
    void everyDrillHasAUniqueNameAndALineInTheUsage() {
        assertThat(Drills.ALL).extracting(Drills.Named::name).doesNotHaveDuplicates()
                .contains("primary-failure", "replica-failure", "replicas-down", "split-brain");
        for (Drills.Named drill : Drills.ALL) {
            assertThat(Drills.named(drill.name())).containsSame(drill);
            assertThat(Drills.usage()).contains("drill " + drill.name()).contains(drill.description());
        }
        assertThat(Drills.named("no-such-drill")).isEmpty();
    }

    @Test
    void theFlapIsLongEnoughForAHealthCheckToFailAndTooShortForPgPoolToGiveUp() {
        Sizing.HealthChecks checks = Sizing.onThisMachine(Shop.PLATFORM).healthChecks();
        assertThat(SplitBrainDrill.flapPause()).isGreaterThanOrEqualTo(checks.period().plus(checks.timeout()))
                .isLessThan(checks.shortestDetection());
    }
}
