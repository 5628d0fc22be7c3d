package io.shopplatform.infra;

import static io.shopplatform.infra.config.StackConfig.AUTHORIZED_NETWORKS;
import static io.shopplatform.infra.config.StackConfig.BACKUP_COPY_REGION;
import static io.shopplatform.infra.config.StackConfig.NODE_POOLS;
import static io.shopplatform.infra.config.StackConfig.PROJECT;
import static io.shopplatform.infra.config.StackConfig.REGION;
import static io.shopplatform.infra.config.StackConfig.SPOT_POOLS;
import static io.shopplatform.infra.config.StackConfig.ZONES;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.infra.Stacks.Run;
import io.shopplatform.infra.config.InvalidConfigException;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.deploy.ManifestChart;
import io.shopplatform.model.Environment;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Configuration that cannot work stops the program before it declares anything, naming the key to fix. */
class BadConfigurationTests {

    @Test
    void aMinimumAboveTheMaximumNamesThePoolsMinimum() {
        assertRejected(Environment.DEV, set(NODE_POOLS, "{\"app\": {\"minNodes\": 5, \"maxNodes\": 3}}"),
                NODE_POOLS + ".app.minNodes", "5 is above");
    }

    @Test
    void anUnknownMachineTypeNamesThePoolsMachineType() {
        assertRejected(Environment.STAGING, set(NODE_POOLS, "{\"db\": {\"machineType\": \"c2-standart-8\"}}"),
                NODE_POOLS + ".db.machineType", "unknown machine type 'c2-standart-8'");
    }

    @Test
    void aZoneOutsideTheRegionNamesTheZones() {
        assertRejected(Environment.PROD, set(ZONES, "[\"europe-west1-b\", \"europe-west1-c\", \"us-central1-a\"]"),
                ZONES, "us-central1-a is outside gcp:region europe-west1");
    }

    @TestFactory
    Stream<DynamicTest> aMissingRequiredKeyIsNamed() {
        return Stream.of(PROJECT, REGION, ZONES, BACKUP_COPY_REGION, AUTHORIZED_NETWORKS)
                .map(key -> DynamicTest.dynamicTest("missing " + key, () ->
                        assertRejected(Environment.PROD, raw -> raw.remove(key), key, "is required")));
    }

    @Test
    void prodMayNotRestateTheModelsSizes() {
        assertRejected(Environment.PROD, set(NODE_POOLS, "{\"app\": {\"maxNodes\": 12}}"),
                NODE_POOLS, "production runs the model's node pools");
    }

    @Test
    void spotIsRefusedWhereTheModelForbidsIt() {
        assertRejected(Environment.DEV, set(SPOT_POOLS, "[\"app\", \"db\"]"), SPOT_POOLS, "db may not run on spot VMs");
    }

    @Test
    void poolsAddingUpAboveTheSeedsTwentyNodesAreRefused() {
        assertRejected(Environment.STAGING, set(NODE_POOLS, "{\"app\": {\"maxNodes\": 16}}"), NODE_POOLS, "above the platform's bound of 20");
    }

    @Test
    void anUnknownPoolIsNamed() {
        assertRejected(Environment.DEV, set(NODE_POOLS, "{\"gpu\": {\"maxNodes\": 1}}"), NODE_POOLS, "unknown node pool 'gpu'");
    }

    @Test
    void theBackupCopyMustLeaveTheRegion() {
        assertRejected(Environment.PROD, set(BACKUP_COPY_REGION, "europe-west1"), BACKUP_COPY_REGION, "must differ from gcp:region");
    }

    @Test
    void aProjectGcsWouldRefuseTheBackupBucketsForIsNamed() {
        assertRejected(Environment.DEV, set(PROJECT, "goog-shop-dev"), PROJECT, "bucket name 'goog-shop-dev-shop-backups'");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertRejected(Environment.DEV, set(PROJECT, "Shop Dev").andThen(set(AUTHORIZED_NETWORKS, "[\"0.0.0.0/33\"]")),
                PROJECT, "is not a GCP project id");
        InvalidConfigException e = Stacks.run(Environment.DEV,
                set(PROJECT, "Shop Dev").andThen(set(AUTHORIZED_NETWORKS, "[\"0.0.0.0/33\"]"))).run()
                .failure(InvalidConfigException.class);
        assertThat(e.keys()).containsExactly(PROJECT, AUTHORIZED_NETWORKS);
    }

    @Test
    void missingManifestsNameTheFolderAndTheSynthCommand() {
        Run run = Stacks.run(Environment.STAGING, set(StackConfig.MANIFESTS_DIR, "/nonexistent/dist")).run();
        assertThat(run.failure(IllegalStateException.class)).hasMessageContaining("/nonexistent/dist/staging does not exist")
                .hasMessageContaining(ManifestChart.SYNTH_COMMAND);
        assertThat(run.mocks().registered).isEmpty();
    }

    @Test
    void aCustomKindNoAddonServesStopsTheProgram(@TempDir Path dist) {
        Stacks.writeManifests(dist, Environment.DEV,
                "---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: gateway, namespace: shop-dev}\n");
        Run run = Stacks.run(Environment.DEV, set(StackConfig.MANIFESTS_DIR, dist.toString())).run();
        assertThat(run.failure(IllegalStateException.class)).hasMessageContaining("[cert-manager.io/Certificate]")
                .hasMessageContaining("neither GKE nor an add-on serves");
        assertThat(run.mocks().registered).isEmpty();
    }

    @Test
    void theProgramReadsPulumisConfiguration() {
        // Pulumi's test runner passes no configuration, so `pulumi up` with an empty stack file looks like this.
        Run run = Stacks.run("dev", App::stack);
        assertThat(run.failure(InvalidConfigException.class).keys())
                .containsExactly(PROJECT, REGION, ZONES, BACKUP_COPY_REGION, AUTHORIZED_NETWORKS);
        assertThat(run.mocks().registered).isEmpty();
    }

    @Test
    void anUnknownStackNameIsRefused() {
        Run run = Stacks.run("qa", Stacks.stackFile(Environment.PROD));
        assertThat(run.failure(IllegalArgumentException.class)).hasMessageContaining("unknown environment 'qa'");
        assertThat(run.mocks().registered).isEmpty();
    }

    private static void assertRejected(Environment env, Consumer<Map<String, String>> edit, String key, String message) {
        Run run = Stacks.run(env, edit).run();
        InvalidConfigException e = run.failure(InvalidConfigException.class);
        assertThat(e.keys()).contains(key);
        assertThat(e.getMessage()).contains(key + ": ").contains(message);
        assertThat(run.mocks().registered).as("resources declared despite bad configuration").isEmpty();
    }

    private static Consumer<Map<String, String>> set(String key, String value) {
        return raw -> raw.put(key, value);
    }
}
