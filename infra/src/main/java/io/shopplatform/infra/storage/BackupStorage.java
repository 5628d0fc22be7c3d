package io.shopplatform.infra.storage;

import com.pulumi.core.Output;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.gcp.storage.StorageFunctions;
import com.pulumi.gcp.storage.TransferJob;
import com.pulumi.gcp.storage.TransferJobArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleActionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleConditionArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;
import com.pulumi.gcp.storage.inputs.GetTransferProjectServiceAccountArgs;
import com.pulumi.gcp.storage.inputs.TransferJobScheduleArgs;
import com.pulumi.gcp.storage.inputs.TransferJobScheduleScheduleStartDateArgs;
import com.pulumi.gcp.storage.inputs.TransferJobTransferSpecArgs;
import com.pulumi.gcp.storage.inputs.TransferJobTransferSpecGcsDataSinkArgs;
import com.pulumi.gcp.storage.inputs.TransferJobTransferSpecGcsDataSourceArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.BackupPolicy;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where database backups live: a versioned bucket with the seed's lifecycle ({@link Shop#BACKUPS}), and a copy in
 * another region that Storage Transfer Service keeps at most one RPO behind (the seed's async cross-region copy).
 */
public record BackupStorage(Bucket bucket, Bucket copy) {

    /** Adds objects; cannot read, replace or delete them, so a compromised job cannot destroy backups. */
    public static final String WRITER_ROLE = "roles/storage.objectCreator";
    /** GCS cannot compress stored objects (the job compresses as it writes), so "compress" means a cheaper class. */
    static final String WARM_CLASS = "NEARLINE";
    static final String COLD_CLASS = "ARCHIVE";

    public static BackupStorage declare(StackConfig config) {
        // Named, not auto-named: manifests-synth derives the same names from the site for the backup jobs.
        BackupBuckets names = config.site().backupBuckets();
        var bucket = bucket(config.prefix() + "-backups", names.primary(), config.region(), config);
        var copy = bucket(config.prefix() + "-backups-copy", names.copy(), config.backupCopyRegion(), config);
        replicate(config.prefix() + "-backups-replication", config, bucket, copy);
        return new BackupStorage(bucket, copy);
    }

    public void grantWriter(String name, Account writer) {
        grant(name, bucket, WRITER_ROLE, writer.member());
    }

    /** The seed's storage lifecycle, from the model's numbers. */
    public static List<BucketLifecycleRuleArgs> lifecycle(BackupPolicy policy) {
        return List.of(
                rule(BucketLifecycleRuleActionArgs.builder().type("SetStorageClass").storageClass(WARM_CLASS).build(),
                        BucketLifecycleRuleConditionArgs.builder().age(policy.compressAfterDays())
                                .matchesPrefixes(BackupBuckets.BACKUPS_PREFIX).build()),
                rule(BucketLifecycleRuleActionArgs.builder().type("SetStorageClass").storageClass(COLD_CLASS).build(),
                        BucketLifecycleRuleConditionArgs.builder().age(policy.coldStorageAfterDays())
                                .matchesPrefixes(BackupBuckets.BACKUPS_PREFIX).build()),
                rule(BucketLifecycleRuleActionArgs.builder().type("Delete").build(),
                        BucketLifecycleRuleConditionArgs.builder().age(policy.deleteLogsAfterDays())
                                .matchesPrefixes(BackupBuckets.LOGS_PREFIX).build()),
                // Versioning keeps what is overwritten or deleted for as long as point-in-time recovery reaches back.
                rule(BucketLifecycleRuleActionArgs.builder().type("Delete").build(),
                        BucketLifecycleRuleConditionArgs.builder()
                                .daysSinceNoncurrentTime((int) policy.pointInTimeWindow().toDays()).build()));
    }

    private static Bucket bucket(String logicalName, String name, String region, StackConfig config) {
        return new Bucket(logicalName, BucketArgs.builder()
                .name(name)
                .location(region.toUpperCase(Locale.ROOT))
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .versioning(BucketVersioningArgs.builder().enabled(true).build())
                .lifecycleRules(lifecycle(Shop.BACKUPS))
                .labels(Map.of("environment", config.environment().id()))
                .build());
    }

    private static void replicate(String name, StackConfig config, Bucket source, Bucket copy) {
        Output<String> agent = StorageFunctions.getTransferProjectServiceAccount(
                GetTransferProjectServiceAccountArgs.builder().project(config.project()).build())
                .applyValue(account -> "serviceAccount:" + account.email());
        List<Resource> grants = List.of(
                grant(name + "-reads-objects", source, "roles/storage.objectViewer", agent),
                grant(name + "-lists-source", source, "roles/storage.legacyBucketReader", agent),
                grant(name + "-writes-copy", copy, "roles/storage.legacyBucketWriter", agent));
        new TransferJob(name, TransferJobArgs.builder()
                .description("copies " + config.prefix() + " backups to " + config.backupCopyRegion())
                .transferSpec(TransferJobTransferSpecArgs.builder()
                        .gcsDataSource(TransferJobTransferSpecGcsDataSourceArgs.builder().bucketName(source.name()).build())
                        .gcsDataSink(TransferJobTransferSpecGcsDataSinkArgs.builder().bucketName(copy.name()).build())
                        .build())
                .schedule(TransferJobScheduleArgs.builder()
                        // A start in the past: the job runs at once, then every RPO.
                        .scheduleStartDate(TransferJobScheduleScheduleStartDateArgs.builder()
                                .year(2025).month(1).day(1).build())
                        .repeatInterval(Shop.BACKUPS.rpo().toSeconds() + "s")
                        .build())
                .build(), CustomResourceOptions.builder().dependsOn(grants).build());
    }

    private static BucketLifecycleRuleArgs rule(BucketLifecycleRuleActionArgs action,
                                                BucketLifecycleRuleConditionArgs condition) {
        return BucketLifecycleRuleArgs.builder().action(action).condition(condition).build();
    }

    private static BucketIAMMember grant(String name, Bucket bucket, String role, Output<String> member) {
        return new BucketIAMMember(name, BucketIAMMemberArgs.builder()
                .bucket(bucket.name())
                .role(role)
                .member(member)
                .build());
    }
}
