package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.Deployed.value;
import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.pulumi.gcp.pubsub.Subscription;
import com.pulumi.gcp.pubsub.SubscriptionIAMMember;
import com.pulumi.gcp.pubsub.Topic;
import com.pulumi.gcp.pubsub.TopicIAMMember;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.Notification;
import com.pulumi.gcp.storage.TransferJob;
import com.pulumi.gcp.storage.outputs.TransferJobTransferSpec;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.storage.BackupStorage;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Site;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class BackupStorageTests {

    @TestFactory
    Stream<DynamicTest> backupsFollowTheSeedsLifecycle() {
        return everyStack("backups move to a cheaper class after 7 days, to cold storage after 90; logs go after 30", stack ->
                stack.all(Bucket.class).forEach(bucket ->
                        assertThat(value(bucket.lifecycleRules()).orElseThrow())
                                .extracting(r -> r.action().type(), r -> r.action().storageClass(), r -> r.condition().age(),
                                        r -> r.condition().matchesPrefixes())
                                .contains(
                                        tuple("SetStorageClass", Optional.of("NEARLINE"), Optional.of(7), List.of("backups/")),
                                        tuple("SetStorageClass", Optional.of("ARCHIVE"), Optional.of(90), List.of("backups/")),
                                        tuple("Delete", Optional.empty(), Optional.of(30), List.of("logs/")),
                                        tuple("Delete", Optional.empty(), Optional.of(90 + 365), List.of("backups/")))));
    }

    @TestFactory
    Stream<DynamicTest> overwrittenBackupsLastThePointInTimeWindow() {
        return everyStack("versions are kept, and old versions for the 7-day point-in-time window", stack ->
                stack.all(Bucket.class).forEach(bucket -> {
                    assertThat(value(bucket.versioning()).enabled()).isTrue();
                    assertThat(value(bucket.lifecycleRules()).orElseThrow())
                            .filteredOn(r -> r.condition().daysSinceNoncurrentTime().isPresent())
                            .singleElement()
                            .satisfies(r -> {
                                assertThat(r.action().type()).isEqualTo("Delete");
                                assertThat(r.condition().daysSinceNoncurrentTime()).contains(7);
                            });
                }));
    }

    @TestFactory
    Stream<DynamicTest> bucketsAreNeverPublic() {
        return everyStack("buckets use uniform access and can never be public", stack ->
                assertThat(stack.all(Bucket.class)).hasSize(2).allSatisfy(bucket -> {
                    assertThat(value(bucket.uniformBucketLevelAccess())).isTrue();
                    assertThat(value(bucket.publicAccessPrevention())).isEqualTo("enforced");
                }));
    }

    @TestFactory
    Stream<DynamicTest> nothingInTheBucketsGrowsForever() {
        return everyStack("backups are deleted once the archive class's minimum has passed, logs after 30 days, old "
                + "versions after the recovery window", stack -> stack.all(Bucket.class).forEach(bucket -> {
            var rules = value(bucket.lifecycleRules()).orElseThrow();
            Stream.of(BackupBuckets.BACKUPS_PREFIX, BackupBuckets.LOGS_PREFIX).forEach(prefix ->
                    assertThat(rules).as(prefix).anySatisfy(r -> {
                        assertThat(r.action().type()).isEqualTo("Delete");
                        assertThat(r.condition().matchesPrefixes()).containsExactly(prefix);
                    }));
            assertThat(rules).filteredOn(r -> r.action().type().equals("Delete")
                            && r.condition().matchesPrefixes().contains(BackupBuckets.BACKUPS_PREFIX))
                    .singleElement().satisfies(r -> assertThat(r.condition().age())
                            .contains(Shop.BACKUPS.coldStorageAfterDays() + BackupStorage.ARCHIVE_MINIMUM_DAYS));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyNewBackupObjectIsCopiedToTheOtherRegionMomentsLater() {
        return everyStack("each object written to the backup bucket is announced and copied at once to the copy in the "
                + "other region (and, in production, the other project): the seed's 1 h RPO holds when a region is lost",
                stack -> {
                    Bucket primary = bucket(stack, "backupBucket");
                    Bucket copy = bucket(stack, "backupCopyBucket");
                    assertThat(value(primary.location())).isEqualTo(stack.config().region().toUpperCase(Locale.ROOT));
                    assertThat(value(copy.location())).isEqualTo(stack.config().backupCopy().region().toUpperCase(Locale.ROOT));
                    assertThat(value(copy.project())).contains(stack.config().backupCopy().project());
                    if (stack.env() == Environment.PROD) {
                        assertThat(value(copy.project())).isNotEqualTo(value(primary.project()));
                    }
                    Notification notification = stack.one(Notification.class);
                    Topic topic = stack.one(Topic.class);
                    assertThat(value(notification.bucket())).isEqualTo(value(primary.name()));
                    assertThat(value(notification.topic())).isEqualTo(value(topic.id()));
                    assertThat(value(notification.eventTypes()).orElseThrow()).containsExactly("OBJECT_FINALIZE");
                    Subscription subscription = stack.one(Subscription.class);
                    assertThat(value(subscription.topic())).isEqualTo(value(topic.id()));

                    TransferJob job = stack.one(TransferJob.class);
                    assertThat(value(job.eventStream()).orElseThrow().name()).isEqualTo(value(subscription.id()));
                    assertThat(value(job.schedule())).as("event-driven, not hourly").isEmpty();
                    TransferJobTransferSpec spec = value(job.transferSpec());
                    assertThat(spec.gcsDataSource().orElseThrow().bucketName()).isEqualTo(value(primary.name()));
                    assertThat(spec.gcsDataSink().orElseThrow().bucketName()).isEqualTo(value(copy.name()));
                });
    }

    @TestFactory
    Stream<DynamicTest> theCopyIsCreatedOnlyAfterItsGrants() {
        return everyStack("the transfer job and the notification wait for every grant they are checked against",
                stack -> {
                    TransferJob job = stack.one(TransferJob.class);
                    List<String> jobNeeds = stack.dependencies("gcp:storage/transferJob:TransferJob", job.pulumiResourceName());
                    stack.all(BucketIAMMember.class).stream()
                            .filter(g -> value(g.member()).equals("serviceAccount:" + GcpMocks.TRANSFER_AGENT))
                            .forEach(g -> assertThat(jobNeeds).contains(
                                    stack.urn("gcp:storage/bucketIAMMember:BucketIAMMember", g.pulumiResourceName())));
                    assertThat(stack.all(SubscriptionIAMMember.class)).isNotEmpty().allSatisfy(g -> assertThat(jobNeeds)
                            .contains(stack.urn("gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember", g.pulumiResourceName())));
                    TopicIAMMember announces = stack.one(TopicIAMMember.class);
                    assertThat(value(announces.member())).isEqualTo("serviceAccount:" + GcpMocks.STORAGE_AGENT);
                    assertThat(stack.dependencies("gcp:storage/notification:Notification",
                            stack.one(Notification.class).pulumiResourceName()))
                            .contains(stack.urn("gcp:pubsub/topicIAMMember:TopicIAMMember", announces.pulumiResourceName()));
                });
    }

    @TestFactory
    Stream<DynamicTest> bucketsCarryTheNamesTheManifestsDerive() {
        return everyStack("the buckets are named as the model derives it for manifests-synth", stack -> {
            BackupBuckets names = Site.load(stack.env()).backupBuckets();
            assertThat(stack.mocks().registered("gcp:storage/bucket:Bucket")).extracting(r -> r.inputs.get("name"))
                    .containsExactlyInAnyOrder(names.primary(), names.copy());
            assertThat(value(stack.result().output("backupBucket", String.class))).isEqualTo(names.primary());
            assertThat(value(stack.result().output("backupCopyBucket", String.class))).isEqualTo(names.copy());
        });
    }

    /** The bucket whose name the stack exports under {@code export}. */
    private static Bucket bucket(Deployed stack, String export) {
        String name = value(stack.result().output(export, String.class));
        return stack.all(Bucket.class).stream().filter(b -> value(b.name()).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no bucket " + name + " exported as " + export));
    }
}
