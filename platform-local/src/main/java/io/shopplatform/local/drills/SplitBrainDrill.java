package io.shopplatform.local.drills;

import io.shopplatform.datatier.Sizing;
import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.database.Database;
import io.shopplatform.model.Shop;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's split-brain scenario, in its two local forms, on one tier under reads and writes through the PgPools:
 * <ol>
 *   <li>a flap: the primary freezes (every process stopped, as a stalled machine) for less than PgPool's health checks
 *   need to give up on it, then resumes. Nothing may fail over: no promotion (timeline change), no node detached;</li>
 *   <li>a failover, then the old primary restarted: it must rewind and come back as a standby, exactly one member
 *   accepts writes throughout, and PgPool never routes a write to the demoted member (no read-only error).</li>
 * </ol>
 */
public final class SplitBrainDrill implements Drill {

    /**
     * @param paused        how long the primary was frozen; {@code flapWatch} how long promotions were watched for
     * @param flapRetries   health-check attempts on the frozen primary that failed and were retried: the flap was seen
     * @param flapPromotions timeline changes seen through the flap: must be 0
     * @param flapDetached  whether any PgPool detached a member during the flap: must not
     * @param flap          what the clients saw from the freeze until the watch ended
     * @param failover      the kill of the primary that followed
     * @param toRejoined    from the old primary's restart until it streamed as a standby and every PgPool used it
     * @param mostPrimaries the most members seen answering as primary at once after the restart: must be 1
     */
    public record Report(String primary, Duration paused, Duration flapWatch, long flapRetries, long flapPromotions,
                         boolean flapDetached,
                         Tally flap, PrimaryFailureDrill.Failover failover, boolean rejoinedAsStandby,
                         Duration toRejoined, int mostPrimaries, long readOnlyErrors, long refusedInFailover,
                         String readOnlyTimes, int acknowledged, Set<Long> lost)
            implements Drill.Report {
        @Override
        public String summary() {
            return String.format("flap: primary %s frozen %d s, watched %d s: health checks retried %d times, %d "
                            + "promotions, %s detached, clients %s; "
                            + "failover: %s killed, %s primary after %s, first write on a new connection %s after the "
                            + "kill; %s restarted, back as a %s, streaming and attached in every PgPool after %s; at "
                            + "most %d primary at once; %d writes sent to a read-only node after its restart; %d refused "
                            + "as read-only in the failover before it %s (after the kill); %d writes acknowledged, %d lost",
                    primary, paused.toSeconds(), flapWatch.toSeconds(), flapRetries, flapPromotions, flapDetached ? "a node" : "none",
                    flap.describe(), failover.oldPrimary(), failover.newPrimary(), DrillLoad.seconds(failover.toPromotion()),
                    DrillLoad.seconds(failover.toFirstWrite()), failover.oldPrimary(),
                    rejoinedAsStandby ? "standby" : "PRIMARY", DrillLoad.seconds(toRejoined), mostPrimaries,
                    readOnlyErrors, refusedInFailover, readOnlyTimes, acknowledged, lost.size());
        }

        @Override
        public List<String> violations() {
            List<String> v = new ArrayList<>(Drill.Report.dataViolations(lost, readOnlyErrors));
            if (flapRetries == 0) {
                v.add("no health check saw the flap: it tested nothing");
            }
            if (flapPromotions != 0 || flapDetached) {
                v.add("a flap shorter than the health checks' detection caused a failover");
            }
            if (!rejoinedAsStandby || mostPrimaries != 1) {
                v.add("the old primary came back as a primary (" + mostPrimaries + " primaries at once)");
            }
            return v;
        }
    }

    private static final int WRITES_AFTER = 200;

    /** PgPool's health checks as the local tier renders them. */
    private static final Sizing.HealthChecks CHECKS = Sizing.onThisMachine(Shop.PLATFORM).healthChecks();

    /**
     * Long enough that at least one health check starts and times out during the freeze (a period, then its timeout),
     * shorter than every attempt failing back to back: a flap PgPool sees, and must ride out.
     */
    static Duration flapPause() {
        Duration pause = CHECKS.period().plus(CHECKS.timeout());
        if (pause.compareTo(CHECKS.shortestDetection()) >= 0) {
            throw new PlatformException("with health checks " + CHECKS + " every visible flap is a failover");
        }
        return pause;
    }

    @Override
    public Report run(LocalPlatform platform) throws SQLException, InterruptedException {
        Duration pause = flapPause();
        // Watched as long as FailoverTests watches a cut-off PgPool: the slowest detection, then one more check.
        Duration watch = CHECKS.worstDetection().plus(CHECKS.period());
        Database database = platform.database();
        String primary = database.primary();
        long timeline = database.replication().timeline(primary).orElseThrow();
        List<String> standbys = database.standbys();
        long retries = database.poolNodes().healthCheckRetries(primary);
        long frozen, watched, flapTimeline, flapRetries, restarted, rejoined;
        boolean detached = false;
        PrimaryFailureDrill.Failover failover;
        AtomicInteger mostPrimaries = new AtomicInteger();
        DrillLoad load = DrillLoad.start(platform);
        try (load) {
            frozen = DrillLoad.now();
            database.pause(primary);
            try {
                // The flap lasts this long; meanwhile only the standbys are asked (a frozen member answers no one).
                while (DrillLoad.now() - frozen < pause.toNanos()
                        && standbys.stream().noneMatch(n -> Boolean.FALSE.equals(database.replication().inRecovery(n)))) {
                    Thread.sleep(100);
                }
            } finally {
                database.resume(primary);
            }
            while (DrillLoad.now() - frozen < watch.toNanos()) {
                detached |= database.members().stream().anyMatch(database.poolNodes()::detachedAnywhere);
                Thread.sleep(100);   // watching for a failover that must not come
            }
            watched = DrillLoad.now();
            flapTimeline = database.replication().timeline(database.primary()).orElseThrow();
            flapRetries = database.poolNodes().healthCheckRetries(primary) - retries;

            failover = PrimaryFailureDrill.failOver(database, load);
            String oldPrimary = failover.oldPrimary();
            restarted = DrillLoad.now();
            database.start(oldPrimary);   // member.sh: finds the new primary, rewinds onto it, follows it
            rejoined = Drills.await(() -> {
                mostPrimaries.accumulateAndGet(database.replication().primaries().size(), Math::max);
                return database.replication().caughtUp(failover.newPrimary(), oldPrimary)
                        && database.poolNodes().attachedEverywhere(oldPrimary);
            }, oldPrimary + " streaming and attached");
            // Writes go on with the demoted member attached: none may reach it.
            load.awaitCount(DrillLoad.Kind.WRITE, rejoined, WRITES_AFTER, WRITES_AFTER + " writes after its return");
            mostPrimaries.accumulateAndGet(database.replication().primaries().size(), Math::max);
        }
        return new Report(primary, pause, watch, flapRetries, flapTimeline - timeline, detached, load.tally(frozen, watched),
                failover, Boolean.TRUE.equals(database.replication().inRecovery(failover.oldPrimary())),
                // Only a write after the restart can reach the demoted member. Before it, a PgPool that has quarantined the
                // lost primary while the others vote sends queries to its main node, a standby, which refuses writes
                // (25006: nothing acknowledged, nothing lost) until the failover promotes one.
                DrillLoad.between(restarted, rejoined), mostPrimaries.get(), load.readOnlyErrors(restarted),
                load.readOnlyErrors() - load.readOnlyErrors(restarted), load.readOnlyTimes(failover.killed()), load.acknowledged().size(), load.lost());
    }
}
