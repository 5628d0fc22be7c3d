package io.shopplatform.local.drills;

import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.database.Database;
import io.shopplatform.monitoring.AlertRules;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Both standbys lost at once. Replication is synchronous to a quorum ({@code ANY 1}): the primary must not acknowledge
 * a commit no standby has, so writes wait (the client gives up after its timeout) while reads go on, on the primary.
 * One standby returns: the waiting commits complete, writes are acknowledged again, and every write that was ever
 * acknowledged is there. A write the client gave up on may be there or not: its outcome was never promised.
 */
public final class ReplicasDownDrill implements Drill {

    /**
     * @param whileDown       what the clients saw from the kill until a standby was restarted
     * @param clientSaw       the first message of each kind of failure: what a service would log
     * @param ackedWhileDown  writes started after both standbys were gone and acknowledged before one returned: must be 0
     * @param toFirstWrite    from the restart of one standby until a write started after it was acknowledged
     * @param timedOut        writes the client gave up on, and how many of those are present afterwards
     */
    public record Report(List<String> standbys, Duration toDetach, Tally whileDown, Map<String, String> clientSaw,
                         long ackedWhileDown, Duration toFirstWrite, long timedOut, long timedOutPresent,
                         int acknowledged, Set<Long> lost, long readOnlyErrors, String alerts) implements Drill.Report {
        @Override
        public String summary() {
            return String.format("standbys %s killed; detached by every PgPool after %s; while down %s; %d writes "
                            + "acknowledged while no standby ran; first write acknowledged %s after one standby was "
                            + "restarted; %d writes timed out on the client (%d of them committed, %d not); %d writes "
                            + "acknowledged, %d lost; the client saw %s; %s",
                    standbys, DrillLoad.seconds(toDetach), whileDown.describe(), ackedWhileDown,
                    DrillLoad.seconds(toFirstWrite), timedOut, timedOutPresent, timedOut - timedOutPresent, acknowledged,
                    lost.size(), clientSaw, alerts);
        }

        @Override
        public List<String> violations() {
            List<String> v = new ArrayList<>(Drill.Report.dataViolations(lost, readOnlyErrors));
            if (ackedWhileDown > 0) {
                v.add(ackedWhileDown + " writes acknowledged with no standby to hold them");
            }
            if (whileDown.readsOk() == 0) {
                v.add("no read succeeded while the standbys were down");
            }
            return v;
        }
    }

    @Override
    public Report run(LocalPlatform platform) throws SQLException, InterruptedException {
        Database database = platform.database();
        String primary = database.primary();
        List<String> standbys = database.standbys();
        String returning = standbys.get(0);
        long killed, detached, restarted, firstWrite;
        AlertWatch alerts = new AlertWatch(platform);
        Optional<Duration> fired, resolved;
        DrillLoad load = DrillLoad.start(platform);
        try (load) {
            standbys.forEach(database::kill);
            killed = DrillLoad.now();
            // A commit now waits for a standby that is not there: the client's timeout ends it, not the server.
            load.awaitOp(op -> op.kind() == DrillLoad.Kind.WRITE && op.started() > killed
                    && DrillLoad.TIMEOUT.equals(op.failure()), "a write to time out on the client");
            detached = Drills.await(() -> standbys.stream().allMatch(database.poolNodes()::detachedEverywhere),
                    standbys + " detached");
            // PgPool detaching them changes nothing for writes (the quorum is PostgreSQL's); reads go to the primary.
            load.await(DrillLoad.Kind.READ, detached, "a read on the primary alone");
            load.awaitOp(op -> op.kind() == DrillLoad.Kind.WRITE && op.started() > detached
                    && DrillLoad.TIMEOUT.equals(op.failure()), "a write after the detach to time out too");
            fired = alerts.fired(AlertRules.QUORUM_LOST, killed);   // the operator is paged before one returns

            restarted = DrillLoad.now();
            database.start(returning);
            firstWrite = load.await(DrillLoad.Kind.WRITE, restarted, "a write after " + returning + " returned");
            Drills.await(() -> database.replication().caughtUp(primary, returning), returning + " streaming");
            resolved = alerts.resolved(AlertRules.QUORUM_LOST, restarted);
        }
        long ackedWhileDown = load.started(killed, restarted).stream()
                .filter(op -> op.kind() == DrillLoad.Kind.WRITE && op.ok() && op.ended() < restarted).count();
        Report report = new Report(standbys, DrillLoad.between(killed, detached), load.tally(killed, restarted),
                load.messages(killed, restarted), ackedWhileDown, DrillLoad.between(restarted, firstWrite),
                load.failedWrites(DrillLoad.TIMEOUT), load.presentOf(DrillLoad.TIMEOUT), load.acknowledged().size(),
                load.lost(), load.readOnlyErrors(),
                AlertWatch.describe(AlertRules.QUORUM_LOST, fired, resolved, "kill", "restart of one standby"));
        // The other standby returns too, and every PgPool uses both again: the tier is whole.
        database.start(standbys.get(1));
        for (String standby : standbys) {
            Drills.await(() -> database.poolNodes().attachedEverywhere(standby), standby + " attached");
        }
        return report;
    }
}
