package io.shopplatform.local.drills;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The front door's list of drills: what {@code ./platform drill} runs and its usage lists. */
class DrillsTests {

    @Test
    void everyDrillHasAUniqueNameAndALineInTheUsage() {
        assertThat(Drills.ALL).extracting(Drills.Named::name).doesNotHaveDuplicates()
                .contains("replica-failure", "replicas-down", "split-brain");
        for (Drills.Named drill : Drills.ALL) {
            assertThat(Drills.named(drill.name())).containsSame(drill);
            assertThat(Drills.usage()).contains("drill " + drill.name()).contains(drill.description());
        }
        assertThat(Drills.named("no-such-drill")).isEmpty();
    }
}
