package io.shopplatform.local.drills;

import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.database.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The seed's "database master failure" scenario, as a drill: a client writes and reads through the PgPools, the
 * primary is lost as a machine loss would lose it (every process of the member killed at once), and the drill
 * measures how long until a PgPool detaches it, until another member is primary and until a write on a connection
 * opened after the kill is acknowledged, and whether every acknowledged write is still there. The shop's drill
 * ({@code ./platform drill primary-failure}, in runbooks) runs it under shoppers' checkouts on the local tier; the
 * failover tests run it on throwaway clusters.
 */
public final class PrimaryFailureDrill implements Drill {

    /**
     * What the drill saw. {@code lost} must be empty; {@code readOnlyErrors} zero: no write went to a standby once
     * the failover was over. Until then PgPool's quarantine of the lost primary (while its watchdogs vote) sends
     * queries to its main node, a standby, which refuses writes (25006): nothing acknowledged, nothing lost, reported
     * as {@code refusedInFailover} with their times (the split-brain drill counts them the same way).
     *
     * @param failover          who was primary, who is, and how long each step took after the kill
     * @param readOnlyErrors    writes refused as read-only that started after the first write on a new connection
     * @param refusedInFailover writes refused as read-only between the kill and that first write
     * @param seen              what the clients saw from the kill until the first write on a new connection
     * @param readOnlyTimes     when each write refused as read-only started, after the kill (where PgPool sent it)
     */
    public record Report(Failover failover, int acknowledged, Set<Long> lost, long readOnlyErrors,
                         long refusedInFailover, String readOnlyTimes, String seen) implements Drill.Report {
        @Override
        public String summary() {
            long refused = readOnlyErrors + refusedInFailover;
            return String.format("%s; until then %s; %d writes acknowledged, %d lost, %d sent to a read-only node after"
                            + " the failover, %d refused as read-only during it%s",
                    failover.describe(), seen, acknowledged, lost.size(), readOnlyErrors, refusedInFailover,
                    refused == 0 ? "" : " " + readOnlyTimes);
        }

        @Override
        public List<String> violations() {
            return Drill.Report.dataViolations(lost, readOnlyErrors);
        }
    }

    /**
     * What a failover took: who was primary, who is, and how long until each step.
     *
     * @param killed       when every process of the old primary was sent SIGKILL ({@link System#nanoTime()}): the steps
     *                     below are timed from then, so nothing the old primary still served counts as after the kill
     * @param killing      from the start of the kill until then (finding every process of the member)
     * @param toDetection  from the kill until the first PgPool reported the old primary down (detached)
     * @param toPromotion  from the kill until another member answered as primary
     * @param toFirstWrite from the kill until the first write on a connection opened after it was acknowledged
     */
    public record Failover(String oldPrimary, String newPrimary, long killed, Duration killing, Duration toDetection,
                           Duration toPromotion, Duration toFirstWrite) {
        String describe() {
            return String.format("primary %s killed (every process signalled at once, %s after the kill began; times "
                            + "from the signals): "
                            + "detached by a PgPool after %s; %s primary after %s; first write on a new connection "
                            + "acknowledged %s after the kill", oldPrimary, DrillLoad.seconds(killing),
                    DrillLoad.seconds(toDetection), newPrimary, DrillLoad.seconds(toPromotion), DrillLoad.seconds(toFirstWrite));
        }
    }

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
        long afterFailover = load.readOnlyErrors(firstWrite);
        return new Report(f, load.acknowledged().size(), load.lost(), afterFailover,
                load.readOnlyErrors() - afterFailover, load.readOnlyTimes(f.killed()),
                load.tally(f.killed(), firstWrite).describe());
    }

    /** Kills every process of the primary under {@code load}; waits for a new primary and a write on a new connection. */
    static Failover failOver(Database database, DrillLoad load) throws InterruptedException {
        String oldPrimary = database.primary();
        long killing = DrillLoad.now();
        long killed = database.kill(oldPrimary);
        // Watched side by side: a PgPool busy failing over answers slowly, which must not delay seeing the promotion.
        CompletableFuture<Long> detached = CompletableFuture.supplyAsync(() -> Drills.await(
                () -> database.poolNodes().detachedAnywhere(oldPrimary), "a PgPool to detach " + oldPrimary));
        long promoted = Drills.await(() -> database.replication().primaries().size() == 1,
                "another member to become primary");
        // Only a write on a connection opened after the kill counts: nothing of the old primary serves it.
        long firstWrite = load.awaitWriteOnConnectionOpenedAfter(killed, "a write on a new connection after the kill");
        long detection;
        try {
            detection = detached.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new Failover(oldPrimary, database.primary(), killed, DrillLoad.between(killing, killed),
                DrillLoad.between(killed, detection),
                DrillLoad.between(killed, promoted), DrillLoad.between(killed, firstWrite));
    }
}
