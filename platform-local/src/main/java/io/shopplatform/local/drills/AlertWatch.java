package io.shopplatform.local.drills;

import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.servers.Prometheus;
import java.time.Duration;
import java.util.Optional;

/**
 * What the operator is told during a drill: the local Prometheus evaluates the cluster's alert rules, so a drill on
 * the local tier holds its failure until the alert its runbook names fires, and after the repair waits until it
 * resolves. A throwaway tier runs no Prometheus: there nothing is watched and nothing waits.
 */
final class AlertWatch {

    private final Prometheus prometheus;
    private final boolean watching;

    AlertWatch(LocalPlatform platform) {
        this.prometheus = platform.prometheus();
        this.watching = prometheus.firingAlerts().isPresent();
    }

    /** Waits until {@code alert} fires; the time it took from {@code since}, or empty when nothing watches. */
    Optional<Duration> fired(String alert, long since) {
        return await(alert, true, since);
    }

    /** Waits until {@code alert} no longer fires; the time it took from {@code since}, or empty when nothing watches. */
    Optional<Duration> resolved(String alert, long since) {
        return await(alert, false, since);
    }

    private Optional<Duration> await(String alert, boolean firing, long since) {
        if (!watching) {
            return Optional.empty();
        }
        // A query Prometheus does not answer in time (a loaded machine) tells nothing: asked again.
        Drills.await(() -> prometheus.firingAlerts()
                        .map(alerts -> alerts.stream().anyMatch(a -> a.startsWith(alert + " ")) == firing).orElse(false),
                alert + (firing ? " to fire" : " to resolve"));
        return Optional.of(DrillLoad.between(since, DrillLoad.now()));
    }

    /** "X fired 37.2 s after the kill, resolved 9.1 s after the restart", or that nothing watched. */
    static String describe(String alert, Optional<Duration> fired, Optional<Duration> resolved, String failure,
                           String repair) {
        if (fired.isEmpty()) {
            return alert + " not watched (no Prometheus on this tier)";
        }
        return alert + " fired " + DrillLoad.seconds(fired.get()) + " after the " + failure
                + resolved.map(d -> ", resolved " + DrillLoad.seconds(d) + " after the " + repair).orElse("");
    }
}
