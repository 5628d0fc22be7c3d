package io.shopplatform.drills;

import java.util.List;

/** One failure scenario of the seed, run against a shop under shoppers' traffic. */
public interface ShopDrill {

    /** What {@code ./platform drill} calls it. */
    String name();

    /** One line for the usage text. */
    String description();

    Report run(DrillTarget target) throws InterruptedException;

    /**
     * What a drill measured: one line of figures per step, and the invariants it found broken (none, when the shop
     * behaved: nothing acknowledged lost, nothing charged twice, every layer back).
     */
    record Report(String drill, List<String> figures, List<String> broken) {
        public Report {
            figures = List.copyOf(figures);
            broken = List.copyOf(broken);
        }

        public boolean passed() {
            return broken.isEmpty();
        }
    }
}
