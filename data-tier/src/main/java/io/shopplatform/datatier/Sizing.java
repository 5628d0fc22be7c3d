package io.shopplatform.datatier;

import io.shopplatform.model.BackupPolicy;
import io.shopplatform.model.Component;
import io.shopplatform.model.ConnectionBudget;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.time.Duration;

/**
 * The numbers in the data tier's configuration for one environment, derived from the model. The local runner
 * renders the development environment's sizing with the machine's memory and disk ({@link #onThisMachine}).
 *
 * @param members               PostgreSQL members (primary and standbys)
 * @param poolers               PgPool-II instances (a watchdog majority needs three)
 * @param memoryMi              a member's memory: shared_buffers takes a quarter, the planner assumes three
 * @param dataVolumeGi          a member's data volume: standbys' slots may hold a tenth of it in WAL
 * @param healthChecks          PgPool's health checks, whose worst case must fit the model's detection target
 * @param failoverDetection     the model's target for noticing a lost primary
 */
public record Sizing(int members, int poolers, int memoryMi, int dataVolumeGi, ConnectionBudget connections,
                     String quorum, Duration slowQuery, HealthChecks healthChecks, Duration failoverDetection,
                     Duration archiveTimeout, int fullBackupsKept) {

    /** A member's data volume in the cluster. */
    public static final int DATA_VOLUME_GI = 100;
    /** What a member gets locally: the machine is shared with the rest of the shop. */
    static final int LOCAL_MEMORY_MI = 512, LOCAL_DATA_VOLUME_GI = 10;
    /** superuser_reserved_connections: an operator can always get in. */
    static final int SUPERUSER_RESERVED = 3;
    /** Streaming connections and slots beyond the standbys' own, for copies and an operator's pg_basebackup. */
    static final int SPARE_WAL_SENDERS = 4, SPARE_SLOTS = 2;

    /**
     * PgPool's health checks: a check every {@code period}, each attempt given {@code timeout}, then {@code retries}
     * more attempts {@code retryDelay} apart before a PgPool asks the watchdog to fail the node over.
     */
    public record HealthChecks(Duration period, Duration timeout, int retries, Duration retryDelay) {
        /** The longest a dead node goes unnoticed: a full period, then every attempt timing out. */
        public Duration worstDetection() {
            return period.plus(timeout.multipliedBy(retries + 1L)).plus(retryDelay.multipliedBy(retries));
        }

        /**
         * The shortest a node must stay unreachable before a PgPool gives up on it: every attempt timing out, back to
         * back. A stall shorter than this (a pause, a flap) never causes a failover.
         */
        public Duration shortestDetection() {
            return timeout.multipliedBy(retries + 1L).plus(retryDelay.multipliedBy(retries));
        }
    }

    // Every check is a new backend (fork and SCRAM) per PgPool and member: a 1 s period cost three local tiers about
    // one of this machine's two cores. 5 s still finds a dead primary well inside the seed's detection target.
    static final HealthChecks HEALTH_CHECKS = new HealthChecks(Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
            Duration.ofSeconds(1));

    public static Sizing of(Platform platform, Environment env) {
        Component postgres = platform.component(Shop.POSTGRES);
        BackupPolicy backups = platform.backups();
        return new Sizing(env.instances(postgres), env.instances(platform.component(Shop.PGPOOL)),
                postgres.resources().memoryLimitMi(), DATA_VOLUME_GI, ConnectionBudget.of(platform, env),
                platform.pooling().synchronousQuorum(), platform.sla().databaseQueryTime(), HEALTH_CHECKS,
                platform.database().failoverDetection(),
                // A segment is archived at least this often, well inside the recovery point objective.
                backups.rpo().dividedBy(60), fullBackupsKept(backups));
    }

    /** Development's sizing with this machine's share of memory and disk: what {@code ./platform up} runs. */
    public static Sizing onThisMachine(Platform platform) {
        Sizing dev = of(platform, Environment.DEV);
        return new Sizing(dev.members, dev.poolers, LOCAL_MEMORY_MI, LOCAL_DATA_VOLUME_GI, dev.connections, dev.quorum,
                dev.slowQuery, dev.healthChecks, dev.failoverDetection, dev.archiveTimeout, dev.fullBackupsKept);
    }

    /** Full backups kept: enough that the oldest still covers the point-in-time window. */
    static int fullBackupsKept(BackupPolicy backups) {
        long perWindow = backups.pointInTimeWindow().toDays() / Math.max(1, fullBackupEveryDays(backups.fullBackupCron()));
        return (int) perWindow + 1;
    }

    /** Days between full backups: 1 for a daily cron ("m h * * *"), 7 for a weekly one ("m h * * d"). */
    public static int fullBackupEveryDays(String cron) {
        String[] f = cron.trim().split("\\s+");
        return f.length == 5 && f[2].equals("*") && f[3].equals("*") && !f[4].equals("*") ? 7 : 1;
    }

    public int maxConnections() {
        return connections.maxConnections();
    }

    public int sharedBuffersMb() {
        return memoryMi / 4;
    }

    public int effectiveCacheMb() {
        return memoryMi * 3 / 4;
    }

    /** Each standby streams; each may be re-copied at once (pg_basebackup streams WAL on a second connection). */
    public int walSenders() {
        return 3 * (members - 1) + SPARE_WAL_SENDERS;
    }

    public int replicationSlots() {
        return members + SPARE_SLOTS;
    }

    /** WAL a lost standby's slot may hold: a tenth of the data volume; past that the standby re-copies. */
    public int maxSlotWalKeepSizeMb() {
        return dataVolumeGi * 1024 / 10;
    }

    /** Standbys beside the primary. */
    public int standbys() {
        return members - 1;
    }

    /** How many standbys must confirm a commit: the number in the model's quorum ("ANY 1", "FIRST 2"). */
    public int synchronousStandbysRequired() {
        String[] words = quorum.trim().split("\\s+");
        return Integer.parseInt(words[words.length - 1]);
    }

    public String synchronousStandbyNames(Topology topology) {
        return quorum + " (" + String.join(", ", topology.members().stream().map(Topology.Member::name).toList()) + ")";
    }
}
