package io.shopplatform.local.drills;

import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.database.Database;
import io.shopplatform.local.machine.Supervisor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The seed's "database master failure" scenario, as a drill: a client writes and reads through the PgPools, the
 * primary is lost as a machine loss would lose it (every process of the member killed at once), and the drill
 * measures how long until another member is primary and until a write on a connection opened after the kill is
 * acknowledged, and whether every acknowledged write is still there. {@code ./platform drill primary-failure} runs
 * it on the local tier; the failover tests run it on throwaway clusters.
 */
public final class PrimaryFailureDrill implements Drill {

    /**
     * What the drill saw. {@code lost} must be empty; {@code readOnlyErrors} zero (no write went to a standby).
     *
     * @param toPromotion  from the kill until another member answers as primary
     * @param toFirstWrite from the kill until the first write on a connection opened after it was acknowledged
     */
    public record Report(String oldPrimary, String newPrimary, Duration toPromotion, Duration toFirstWrite,
                         int acknowledged, Set<Long> lost, long readOnlyErrors, String seen) implements Drill.Report {
        @Override
        public String summary() {
            return String.format("primary %s killed (every process); %s primary after %s; first write on a new "
                            + "connection acknowledged %s after the kill; until then %s; %d writes acknowledged, "
                            + "%d lost, %d sent to a read-only node",
                    oldPrimary, newPrimary, DrillLoad.seconds(toPromotion), DrillLoad.seconds(toFirstWrite), seen,
                    acknowledged, lost.size(), readOnlyErrors);
        }

        @Override
        public List<String> violations() {
            return Drill.Report.dataViolations(lost, readOnlyErrors);
        }
    }

    /** What a failover took: who was primary, who is, and how long until each step. */
    public record Failover(String oldPrimary, String newPrimary, long killed, Duration toPromotion, Duration toFirstWrite) {}

    private static final int WRITES_AFTER = 200;

    @Override
    public Report run(LocalPlatform platform) throws SQLException, InterruptedException {
        Failover f;
        DrillLoad load = DrillLoad.start(platform);
        try (load) {
            f = failOver(platform.database(), load);
            load.awaitCount(DrillLoad.Kind.WRITE, f.killed() + f.toFirstWrite().toNanos(), WRITES_AFTER,
                    WRITES_AFTER + " writes after the failover");
        }
        long firstWrite = f.killed() + f.toFirstWrite().toNanos();
        return new Report(f.oldPrimary(), f.newPrimary(), f.toPromotion(), f.toFirstWrite(), load.acknowledged().size(),
                load.lost(), load.readOnlyErrors(), load.tally(f.killed(), firstWrite).describe());
    }

    /** Kills every process of the primary under {@code load}; waits for a new primary and a write on a new connection. */
    static Failover failOver(Database database, DrillLoad load) throws InterruptedException {
        String oldPrimary = database.primary();
        long killed = DrillLoad.now();
        database.kill(oldPrimary);
        if (!Supervisor.waitFor(() -> database.replication().primaries().size() == 1, DrillLoad.PROGRESS_LIMIT)) {
            throw new PlatformException("drill failed: no member became primary within "
                    + DrillLoad.PROGRESS_LIMIT.toSeconds() + " s");
        }
        long promoted = DrillLoad.now();
        // Only a write on a connection opened after the kill counts: nothing of the old primary serves it.
        long firstWrite = load.awaitWriteOnConnectionOpenedAfter(killed, "a write on a new connection after the kill");
        return new Failover(oldPrimary, database.primary(), killed, DrillLoad.between(killed, promoted),
                DrillLoad.between(killed, firstWrite));
    }
}
