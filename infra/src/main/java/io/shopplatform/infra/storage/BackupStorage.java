package io.shopplatform.infra.storage;

import com.pulumi.core.Output;
import com.pulumi.gcp.pubsub.Subscription;
import com.pulumi.gcp.pubsub.SubscriptionArgs;
import com.pulumi.gcp.pubsub.SubscriptionIAMMember;
import com.pulumi.gcp.pubsub.SubscriptionIAMMemberArgs;
import com.pulumi.gcp.pubsub.Topic;
import com.pulumi.gcp.pubsub.TopicArgs;
import com.pulumi.gcp.pubsub.TopicIAMMember;
import com.pulumi.gcp.pubsub.TopicIAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.gcp.storage.Notification;
import com.pulumi.gcp.storage.NotificationArgs;
import com.pulumi.gcp.storage.StorageFunctions;
import com.pulumi.gcp.storage.TransferJob;
import com.pulumi.gcp.storage.TransferJobArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleActionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleConditionArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;
import com.pulumi.gcp.storage.inputs.GetProjectServiceAccountArgs;
import com.pulumi.gcp.storage.inputs.GetTransferProjectServiceAccountArgs;
import com.pulumi.gcp.storage.inputs.TransferJobEventStreamArgs;
import com.pulumi.gcp.storage.inputs.TransferJobTransferSpecArgs;
import com.pulumi.gcp.storage.inputs.TransferJobTransferSpecGcsDataSinkArgs;
import com.pulumi.gcp.storage.inputs.TransferJobTransferSpecGcsDataSourceArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.project.Apis;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.BackupPolicy;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where database backups live: a versioned bucket with the seed's lifecycle ({@link Shop#BACKUPS}), and a copy in
 * another region, in production in another project, that receives every object moments after it is written:
 * the bucket announces each new object on a topic, and an event-driven Storage Transfer job copies it (the seed's
 * async cross-region copy, well inside its one-hour RPO). Nothing in either bucket is kept forever.
 */
public record BackupStorage(Bucket bucket, Bucket copy) {

    /** Adds objects; cannot read, replace or delete them, so a compromised job cannot destroy backups. */
    public static final String WRITER_ROLE = "roles/storage.objectCreator";
    /** GCS cannot compress stored objects (the job compresses as it writes), so "compress" means a cheaper class. */
    static final String WARM_CLASS = "NEARLINE";
    static final String COLD_CLASS = "ARCHIVE";
    /**
     * ARCHIVE bills an object for 365 days however early it goes: a backup is deleted once that minimum has passed
     * in the cold class, so the archive does not grow forever and no deletion is billed twice.
     */
    public static final int ARCHIVE_MINIMUM_DAYS = 365;
    /** Unacknowledged announcements are kept this long: a transfer outage of a week loses no object. */
    static final String ANNOUNCEMENT_RETENTION = 7 * 24 * 3600 + "s";

    public static BackupStorage declare(StackConfig config, Apis apis, IamPropagation propagation) {
        // Named, not auto-named: manifests-synth derives the same names from the site for the backup jobs.
        BackupBuckets names = config.site().backupBuckets();
        var bucket = bucket(config.prefix() + "-backups", names.primary(), config.project(), config.region(), config,
                apis.needs(Apis.STORAGE));
        var copy = bucket(config.prefix() + "-backups-copy", names.copy(), config.backupCopy().project(),
                config.backupCopy().region(), config, apis.needsInCopyProject(Apis.STORAGE));
        replicate(config.prefix() + "-backups-replication", config, apis, propagation, bucket, copy);
        return new BackupStorage(bucket, copy);
    }

    public void grantWriter(String name, Account writer) {
        grant(name, bucket, WRITER_ROLE, writer.member(), List.of());
    }

    /** The seed's storage lifecycle, from the model's numbers, ending in deletion. */
    public static List<BucketLifecycleRuleArgs> lifecycle(BackupPolicy policy) {
        return List.of(
                rule(BucketLifecycleRuleActionArgs.builder().type("SetStorageClass").storageClass(WARM_CLASS).build(),
                        BucketLifecycleRuleConditionArgs.builder().age(policy.compressAfterDays())
                                .matchesPrefixes(BackupBuckets.BACKUPS_PREFIX).build()),
                rule(BucketLifecycleRuleActionArgs.builder().type("SetStorageClass").storageClass(COLD_CLASS).build(),
                        BucketLifecycleRuleConditionArgs.builder().age(policy.coldStorageAfterDays())
                                .matchesPrefixes(BackupBuckets.BACKUPS_PREFIX).build()),
                rule(BucketLifecycleRuleActionArgs.builder().type("Delete").build(),
                        BucketLifecycleRuleConditionArgs.builder()
                                .age(policy.coldStorageAfterDays() + ARCHIVE_MINIMUM_DAYS)
                                .matchesPrefixes(BackupBuckets.BACKUPS_PREFIX).build()),
                rule(BucketLifecycleRuleActionArgs.builder().type("Delete").build(),
                        BucketLifecycleRuleConditionArgs.builder().age(policy.deleteLogsAfterDays())
                                .matchesPrefixes(BackupBuckets.LOGS_PREFIX).build()),
                // Versioning keeps what is overwritten or deleted for as long as point-in-time recovery reaches back.
                rule(BucketLifecycleRuleActionArgs.builder().type("Delete").build(),
                        BucketLifecycleRuleConditionArgs.builder()
                                .daysSinceNoncurrentTime((int) policy.pointInTimeWindow().toDays()).build()));
    }

    private static Bucket bucket(String logicalName, String name, String project, String region, StackConfig config,
                                 List<Resource> api) {
        return new Bucket(logicalName, BucketArgs.builder()
                .name(name)
                .project(project)
                .location(region.toUpperCase(Locale.ROOT))
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .versioning(BucketVersioningArgs.builder().enabled(true).build())
                .lifecycleRules(lifecycle(Shop.BACKUPS))
                .labels(Map.of("environment", config.environment().id()))
                .build(),
                CustomResourceOptions.builder().protect(config.protectsResources()).dependsOn(api).build());
    }

    /**
     * Every object finalized in {@code source} is announced on a topic; Storage Transfer reads the announcements
     * and copies the object to {@code copy}. The notification and the job are created only after their grants have
     * had time to take effect: both check their access when they are created.
     */
    private static void replicate(String name, StackConfig config, Apis apis, IamPropagation propagation,
                                  Bucket source, Bucket copy) {
        var topic = new Topic(name, TopicArgs.builder().name(name).build(),
                CustomResourceOptions.builder().dependsOn(apis.needs(Apis.PUBSUB)).build());
        Output<String> storageAgent = StorageFunctions.getProjectServiceAccount(GetProjectServiceAccountArgs.builder()
                        .project(apis.projectOnceEnabled(Apis.STORAGE)).build())
                .applyValue(account -> "serviceAccount:" + account.emailAddress());
        var announces = new TopicIAMMember(name + "-bucket-announces", TopicIAMMemberArgs.builder()
                .topic(topic.id())
                .role("roles/pubsub.publisher")
                .member(storageAgent)
                .build(), CustomResourceOptions.builder().dependsOn(apis.needs(Apis.STORAGE, Apis.PUBSUB)).build());
        new Notification(name + "-new-objects", NotificationArgs.builder()
                .bucket(source.name())
                .topic(propagation.after(List.of(announces.etag()), topic.id()))
                .eventTypes("OBJECT_FINALIZE")
                .payloadFormat("JSON_API_V1")
                .build(), CustomResourceOptions.builder().dependsOn(announces).build());
        var subscription = new Subscription(name, SubscriptionArgs.builder()
                .name(name)
                .topic(topic.id())
                .ackDeadlineSeconds(300)
                .messageRetentionDuration(ANNOUNCEMENT_RETENTION)
                .build());

        Output<String> transferAgent = StorageFunctions.getTransferProjectServiceAccount(
                        GetTransferProjectServiceAccountArgs.builder()
                                .project(apis.projectOnceEnabled(Apis.STORAGE_TRANSFER)).build())
                .applyValue(account -> "serviceAccount:" + account.email());
        // The agent exists once the Storage Transfer API is on; these grants wait for it.
        var agentExists = apis.needs(Apis.STORAGE_TRANSFER);
        List<Output<String>> grants = Stream.of(
                grant(name + "-reads-objects", source, "roles/storage.objectViewer", transferAgent, agentExists),
                grant(name + "-lists-source", source, "roles/storage.legacyBucketReader", transferAgent, agentExists),
                grant(name + "-writes-copy", copy, "roles/storage.legacyBucketWriter", transferAgent, agentExists))
                .map(BucketIAMMember::etag).toList();
        List<Output<String>> reads = Stream.of("roles/pubsub.subscriber", "roles/pubsub.viewer")
                .map(role -> new SubscriptionIAMMember(name + "-" + role.substring(role.indexOf('.') + 1),
                        SubscriptionIAMMemberArgs.builder()
                                .subscription(subscription.name())
                                .role(role)
                                .member(transferAgent)
                                .build(), CustomResourceOptions.builder().dependsOn(agentExists).build()).etag())
                .toList();
        new TransferJob(name, TransferJobArgs.builder()
                .description(propagation.after(Stream.concat(grants.stream(), reads.stream()).toList(),
                        Output.of("copies each new " + config.prefix() + " backup object to "
                                + config.backupCopy().project() + " in " + config.backupCopy().region())))
                .eventStream(TransferJobEventStreamArgs.builder().name(subscription.id()).build())
                .transferSpec(TransferJobTransferSpecArgs.builder()
                        .gcsDataSource(TransferJobTransferSpecGcsDataSourceArgs.builder().bucketName(source.name()).build())
                        .gcsDataSink(TransferJobTransferSpecGcsDataSinkArgs.builder().bucketName(copy.name()).build())
                        .build())
                .build(), CustomResourceOptions.builder().dependsOn(apis.needs(Apis.STORAGE_TRANSFER)).build());
    }

    private static BucketLifecycleRuleArgs rule(BucketLifecycleRuleActionArgs action,
                                                BucketLifecycleRuleConditionArgs condition) {
        return BucketLifecycleRuleArgs.builder().action(action).condition(condition).build();
    }

    private static BucketIAMMember grant(String name, Bucket bucket, String role, Output<String> member,
                                         List<Resource> after) {
        return new BucketIAMMember(name, BucketIAMMemberArgs.builder()
                .bucket(bucket.name())
                .role(role)
                .member(member)
                .build(), CustomResourceOptions.builder().dependsOn(after).build());
    }
}
