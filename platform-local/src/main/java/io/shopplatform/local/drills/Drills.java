package io.shopplatform.local.drills;

import io.shopplatform.local.PlatformException;
import io.shopplatform.local.machine.Supervisor;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The data tier's drills {@code ./platform drill <name>} runs, by name, with the line its usage prints. The primary's
 * failure is the shop's drill (runbooks' {@code primary-failure}): it runs {@link PrimaryFailureDrill} under shoppers'
 * checkouts.
 */
public final class Drills {

    public record Named(String name, String description, Drill drill) {}

    public static final List<Named> ALL = List.of(
            new Named("replica-failure", "kill a standby under load, measure errors and detach, restart it",
                    new ReplicaFailureDrill()),
            new Named("replicas-down", "kill both standbys: writes wait, reads go on; one returns, nothing is lost",
                    new ReplicasDownDrill()),
            new Named("split-brain", "pause the primary briefly (no failover), then fail over and restart the old one",
                    new SplitBrainDrill()));

    private Drills() {}

    public static Optional<Named> named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Waits for a condition of the tier, up to {@link DrillLoad#PROGRESS_LIMIT}; returns when it held. */
    static long await(BooleanSupplier condition, String what) {
        if (!Supervisor.waitFor(condition, DrillLoad.PROGRESS_LIMIT)) {
            throw new PlatformException("drill failed: waited " + DrillLoad.PROGRESS_LIMIT.toSeconds() + " s for " + what);
        }
        return DrillLoad.now();
    }

    /** The usage lines: {@code drill <name>} and what it does, one a line. */
    public static String usage() {
        int width = ALL.stream().mapToInt(d -> d.name().length()).max().orElse(0);
        return ALL.stream().map(d -> String.format("  drill %-" + width + "s   %s", d.name(), d.description()))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
