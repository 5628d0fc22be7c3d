package io.shopplatform.model;

import java.time.Duration;

/**
 * Backups and recovery objectives, plus the object-storage lifecycle the seed asks for.
 * {@code fullBackupCron} is in UTC.
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
}
