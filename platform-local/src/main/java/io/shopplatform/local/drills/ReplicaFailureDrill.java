package io.shopplatform.local.drills;

import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.database.Database;
import io.shopplatform.monitoring.AlertRules;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seed's "replica failure" scenario: under reads and writes through the PgPools, one standby is lost as a machine
 * loss would lose it (every process at once). The drill counts what the clients saw until PgPool detached it, checks
 * that reads and writes go on without it and nothing acknowledged is lost, then restarts it (as Kubernetes restarts
 * the pod) and measures until it streams again and every PgPool uses it.
 */
public final class ReplicaFailureDrill implements Drill {

    /**
     * @param toDetach     from the kill until every PgPool reports the standby down
     * @param outage       what the clients saw from the kill until the standby was attached again
     * @param clientSaw    the first message of each kind of failure: what a service would log
     * @param toStreaming  from the restart until the standby streams and has caught up
     * @param toAttached   from the restart until every PgPool uses it again
     */
    public record Report(String standby, String primary, Duration toDetach, Tally outage, Map<String, String> clientSaw,
                         Duration toStreaming, Duration toAttached, int acknowledged, Set<Long> lost,
                         long readOnlyErrors, String alerts) implements Drill.Report {
        @Override
        public String summary() {
            return String.format("standby %s killed (every process); detached by every PgPool after %s; from the kill "
                            + "until it was attached again %s %s; restarted, streaming after %s, attached in every "
                            + "PgPool after %s; %d writes acknowledged, %d lost, %d sent to a read-only node; %s",
                    standby, DrillLoad.seconds(toDetach), outage.describe(),
                    clientSaw.isEmpty() ? "" : "(the clients saw " + clientSaw + ")", DrillLoad.seconds(toStreaming),
                    DrillLoad.seconds(toAttached), acknowledged, lost.size(), readOnlyErrors, alerts);
        }

        @Override
        public List<String> violations() {
            return Drill.Report.dataViolations(lost, readOnlyErrors);
        }
    }

    @Override
    public Report run(LocalPlatform platform) throws SQLException, InterruptedException {
        Database database = platform.database();
        String primary = database.primary();
        String standby = database.standbys().get(0);
        long killed, detached, restarted, streaming, attached;
        AlertWatch alerts = new AlertWatch(platform);
        Optional<Duration> fired, resolved;
        DrillLoad load = DrillLoad.start(platform);
        try (load) {
            killed = DrillLoad.now();
            database.kill(standby);
            detached = Drills.await(() -> database.poolNodes().detachedEverywhere(standby), standby + " detached");
            // Without it, reads (balanced over the standbys left) and writes (a quorum of one) go on.
            load.await(DrillLoad.Kind.READ, detached, "a read after " + standby + " was detached");
            load.await(DrillLoad.Kind.WRITE, detached, "a write after " + standby + " was detached");
            fired = alerts.fired(AlertRules.STANDBY_MISSING, killed);   // the operator is told before it returns

            restarted = DrillLoad.now();
            database.start(standby);   // member.sh: finds the primary, follows it through its slot
            streaming = Drills.await(() -> database.replication().caughtUp(primary, standby), standby + " streaming");
            attached = Drills.await(() -> database.poolNodes().attachedEverywhere(standby), standby + " attached");
            load.await(DrillLoad.Kind.READ, attached, "a read after " + standby + " was attached again");
            load.await(DrillLoad.Kind.WRITE, attached, "a write after " + standby + " was attached again");
            resolved = alerts.resolved(AlertRules.STANDBY_MISSING, restarted);
        }
        return new Report(standby, primary, DrillLoad.between(killed, detached), load.tally(killed, attached), load.messages(killed, attached),
                DrillLoad.between(restarted, streaming), DrillLoad.between(restarted, attached),
                load.acknowledged().size(), load.lost(), load.readOnlyErrors(),
                AlertWatch.describe(AlertRules.STANDBY_MISSING, fired, resolved, "kill", "restart"));
    }
}
