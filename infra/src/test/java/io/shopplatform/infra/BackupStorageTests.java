package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.Deployed.value;
import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.TransferJob;
import com.pulumi.gcp.storage.outputs.TransferJobTransferSpec;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.model.BackupBuckets;
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
                                        tuple("Delete", Optional.empty(), Optional.of(30), List.of("logs/")))));
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
    Stream<DynamicTest> backupsAreCopiedToAnotherRegionWithinTheRpo() {
        return everyStack("backups are copied to the other region every hour (the seed's RPO)", stack -> {
            Bucket primary = bucket(stack, "backupBucket");
            Bucket copy = bucket(stack, "backupCopyBucket");
            assertThat(value(primary.location())).isEqualTo(stack.config().region().toUpperCase(Locale.ROOT));
            assertThat(value(copy.location())).isEqualTo(stack.config().backupCopyRegion().toUpperCase(Locale.ROOT));
            TransferJob job = stack.one(TransferJob.class);
            TransferJobTransferSpec spec = value(job.transferSpec());
            assertThat(spec.gcsDataSource().orElseThrow().bucketName()).isEqualTo(value(primary.name()));
            assertThat(spec.gcsDataSink().orElseThrow().bucketName()).isEqualTo(value(copy.name()));
            assertThat(value(job.schedule()).orElseThrow().repeatInterval()).contains("3600s");
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
