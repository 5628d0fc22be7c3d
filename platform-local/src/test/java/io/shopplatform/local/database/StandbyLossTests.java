package io.shopplatform.local.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.local.drills.ReplicaFailureDrill;
import io.shopplatform.local.drills.ReplicasDownDrill;
import io.shopplatform.model.Shop;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Standbys lost under load, as the replica drills run them: one throwaway tier for the class (each drill leaves it
 * whole again, both standbys streaming and attached), since starting one costs more than either drill.
 */
class StandbyLossTests {

    private static ThrowawayCluster cluster;
    /** The tier is deleted on close only when every test of the class passed; otherwise it is kept for inspection. */
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final int TESTS = 2;

    @BeforeAll
    static void startTier() {
        cluster = ThrowawayCluster.start();
    }

    @AfterAll
    static void stopTier() {
        if (PASSED.get() == TESTS) {
            cluster.passed();
        }
        cluster.close();
    }

    @Test
    void aLostStandbyIsDetachedWithinTheDetectionTargetCostsNoAcknowledgedWriteAndRejoins() throws Exception {
        ReplicaFailureDrill.Report report = new ReplicaFailureDrill().run(cluster.platform);
        System.out.println("FAILOVER (standby lost): " + report.summary());

        assertThat(report.toDetach()).as("until every PgPool detached the standby")
                .isLessThanOrEqualTo(Shop.PLATFORM.database().failoverDetection());
        assertThat(report.outage().readsOk()).as("reads while the standby was gone").isPositive();
        assertThat(report.outage().writesOk()).as("writes while the standby was gone").isPositive();
        assertThat(report.lost()).as("acknowledged writes missing").isEmpty();
        assertThat(report.readOnlyErrors()).as("writes sent to a standby").isZero();
        assertThat(report.violations()).isEmpty();
        Database db = cluster.database;
        assertThat(db.replication().primaries()).containsExactly(report.primary());
        assertThat(db.replication().caughtUp(report.primary(), report.standby())).as("the standby streams again").isTrue();
        assertThat(db.poolNodes().attachedEverywhere(report.standby())).as("every PgPool uses it again").isTrue();
        PASSED.incrementAndGet();
    }

    @Test
    void withBothStandbysDownWritesWaitReadsGoOnAndNothingAcknowledgedIsLostWhenOneReturns() throws Exception {
        ReplicasDownDrill.Report report = new ReplicasDownDrill().run(cluster.platform);
        System.out.println("FAILOVER (both standbys lost): " + report.summary());

        assertThat(report.ackedWhileDown()).as("writes acknowledged with no standby to hold them").isZero();
        assertThat(report.whileDown().writesFailed()).as("how writes failed while no standby ran")
                .containsKey("timeout");
        assertThat(report.whileDown().readsOk()).as("reads while no standby ran").isPositive();
        assertThat(report.timedOut()).isPositive();
        assertThat(report.lost()).as("acknowledged writes missing").isEmpty();
        assertThat(report.violations()).isEmpty();
        Database db = cluster.database;
        String primary = db.primary();
        for (String standby : report.standbys()) {
            assertThat(db.replication().caughtUp(primary, standby)).as("%s streams again", standby).isTrue();
        }
        PASSED.incrementAndGet();
    }
}
