package io.shopplatform.model;

import java.time.Duration;

/**
 * Backups and recovery objectives, plus the object-storage lifecycle the seed asks for.
 * {@code fullBackupCron} is in UTC. The bucket's layout (which prefix holds what) is {@link BackupBuckets}'.
 */
public record BackupPolicy(
        String fullBackupCron,
        Duration incrementalEvery,
        Duration pointInTimeWindow,
        Duration rto,
        Duration rpo,
        int compressAfterDays,
        int coldStorageAfterDays,
        int deleteLogsAfterDays) {

    public BackupPolicy {
        Checks.required(fullBackupCron, "full backup schedule");
        Checks.positive(incrementalEvery, "incremental backup interval");
        Checks.positive(pointInTimeWindow, "point-in-time window");
        Checks.positive(rto, "RTO");
        Checks.positive(rpo, "RPO");
        Checks.positive(compressAfterDays, "compress after days");
        Checks.positive(coldStorageAfterDays, "cold storage after days");
        Checks.positive(deleteLogsAfterDays, "delete logs after days");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String fullBackupCron;
        private Duration incrementalEvery, pointInTimeWindow, rto, rpo;
        private Integer compressAfterDays, coldStorageAfterDays, deleteLogsAfterDays;

        private Builder() {}

        public Builder fullBackupCron(String value) { fullBackupCron = value; return this; }
        public Builder incrementalEvery(Duration value) { incrementalEvery = value; return this; }
        public Builder pointInTimeWindow(Duration value) { pointInTimeWindow = value; return this; }
        public Builder rto(Duration value) { rto = value; return this; }
        public Builder rpo(Duration value) { rpo = value; return this; }
        public Builder compressAfterDays(int value) { compressAfterDays = value; return this; }
        public Builder coldStorageAfterDays(int value) { coldStorageAfterDays = value; return this; }
        public Builder deleteLogsAfterDays(int value) { deleteLogsAfterDays = value; return this; }

        public BackupPolicy build() {
            return new BackupPolicy(fullBackupCron, incrementalEvery, pointInTimeWindow, rto, rpo,
                    Checks.required(compressAfterDays, "compress after days"),
                    Checks.required(coldStorageAfterDays, "cold storage after days"),
                    Checks.required(deleteLogsAfterDays, "delete logs after days"));
        }
    }
}
