package io.shopplatform.datatier;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Environment;
import io.shopplatform.model.Shop;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What the data tier's numbers must satisfy in every environment, and locally. */
class SizingTests {

    @TestFactory
    Stream<DynamicTest> everyEnvironment() {
        return Arrays.stream(Environment.values()).flatMap(env -> {
            Sizing s = Sizing.of(Shop.PLATFORM, env);
            return Stream.of(
                    DynamicTest.dynamicTest(env.id() + ": a standby restarting never blocks a write", () -> {
                        // ANY n needs n standbys up: with one more, any single standby may restart (in dev too).
                        assertThat(s.synchronousStandbysRequired()).isPositive();
                        assertThat(s.standbys()).isGreaterThanOrEqualTo(s.synchronousStandbysRequired() + 1);
                    }),
                    DynamicTest.dynamicTest(env.id() + ": PgPool's watchdog has a majority to lose", () ->
                            assertThat(s.poolers()).isGreaterThanOrEqualTo(3).isOdd()),
                    DynamicTest.dynamicTest(env.id() + ": WAL senders and slots with headroom", () -> {
                        // each standby streams, and each may be re-copied (pg_basebackup takes two senders) at once
                        assertThat(s.walSenders()).isGreaterThan(3 * s.standbys());
                        assertThat(s.replicationSlots()).isGreaterThan(s.members());
                    }),
                    DynamicTest.dynamicTest(env.id() + ": a lost standby's slot holds bounded WAL", () ->
                            assertThat(s.maxSlotWalKeepSizeMb()).isPositive()
                                    .isLessThanOrEqualTo(s.dataVolumeGi() * 1024 / 5)),
                    DynamicTest.dynamicTest(env.id() + ": a dead primary is noticed within the model's target", () ->
                            assertThat(s.healthChecks().worstDetection())
                                    .isLessThanOrEqualTo(Shop.PLATFORM.database().failoverDetection())),
                    DynamicTest.dynamicTest(env.id() + ": a stall a health check sees can still end without a failover", () ->
                            // the split-brain drill's flap: one period plus one timeout, shorter than every attempt failing
                            assertThat(s.healthChecks().shortestDetection()).isGreaterThan(
                                    s.healthChecks().period().plus(s.healthChecks().timeout()))),
                    DynamicTest.dynamicTest(env.id() + ": WAL is archived well within the RPO", () ->
                            assertThat(s.archiveTimeout()).isLessThan(Shop.PLATFORM.backups().rpo())),
                    DynamicTest.dynamicTest(env.id() + ": full backups cover the point-in-time window", () ->
                            assertThat(s.fullBackupsKept() * 1L).isGreaterThan(Shop.PLATFORM.backups().pointInTimeWindow().toDays())));
        });
    }

    @Test
    void theLocalTierIsDevelopmentsWithThisMachinesMemory() {
        Sizing dev = Sizing.of(Shop.PLATFORM, Environment.DEV);
        Sizing local = Sizing.onThisMachine(Shop.PLATFORM);
        assertThat(local.members()).isEqualTo(dev.members()).isEqualTo(3);
        assertThat(local.poolers()).isEqualTo(dev.poolers()).isEqualTo(3);
        assertThat(local.maxConnections()).isEqualTo(dev.maxConnections());
        assertThat(local.sharedBuffersMb()).isLessThan(dev.sharedBuffersMb());
    }
}
