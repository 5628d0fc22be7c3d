package io.shopplatform.infra;

import static io.shopplatform.infra.config.StackConfig.ALERTING;
import static io.shopplatform.infra.config.StackConfig.AUTHORIZED_NETWORKS;
import static io.shopplatform.infra.config.StackConfig.BACKUP_COPY_PROJECT;
import static io.shopplatform.infra.config.StackConfig.BACKUP_COPY_REGION;
import static io.shopplatform.infra.config.StackConfig.CREDENTIAL_ROTATIONS;
import static io.shopplatform.infra.config.StackConfig.CREDENTIAL_SEED;
import static io.shopplatform.infra.config.StackConfig.DELETION_PROTECTION;
import static io.shopplatform.infra.config.StackConfig.DOMAIN;
import static io.shopplatform.infra.config.StackConfig.MANIFESTS_REVISION;
import static io.shopplatform.infra.config.StackConfig.NAT_ADDRESSES;
import static io.shopplatform.infra.config.StackConfig.NODE_POOLS;
import static io.shopplatform.infra.config.StackConfig.PROJECT;
import static io.shopplatform.infra.config.StackConfig.REGION;
import static io.shopplatform.infra.config.StackConfig.MAIL_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.PAYMENT_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.REGISTRY_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.RELEASE_CHANNEL;
import static io.shopplatform.infra.config.StackConfig.SPOT_POOLS;
import static io.shopplatform.infra.config.StackConfig.ZONES;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.infra.Stacks.Run;
import io.shopplatform.infra.config.ConfigSource;
import io.shopplatform.infra.config.InvalidConfigException;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.deploy.ManifestChart;
import io.shopplatform.model.Environment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
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
    void aPoolThatWouldStartAboveItsMaximumIsRefused() {
        // One node at least, the same count in each of three zones: three nodes, above the maximum of two.
        assertRejected(Environment.DEV, set(NODE_POOLS, "{\"db\": {\"minNodes\": 1, \"maxNodes\": 2}}"),
                NODE_POOLS + ".db.maxNodes", "starts with 3 nodes");
    }

    @Test
    void anUnknownMachineTypeNamesThePoolsMachineType() {
        assertRejected(Environment.STAGING, set(NODE_POOLS, "{\"db\": {\"machineType\": \"c2-standart-8\"}}"),
                NODE_POOLS + ".db.machineType", "unknown machine type 'c2-standart-8'");
    }

    @Test
    void thePaymentPoolKeepsAMachineThatEncryptsMemory() {
        assertRejected(Environment.DEV, set(NODE_POOLS, "{\"payment\": {\"machineType\": \"e2-standard-4\"}}"),
                NODE_POOLS + ".payment.machineType", "cannot encrypt memory");
    }

    @Test
    void aZoneOutsideTheRegionNamesTheZones() {
        assertRejected(Environment.PROD, set(ZONES, "[\"europe-west1-b\", \"europe-west1-c\", \"us-central1-a\"]"),
                ZONES, "us-central1-a is outside gcp:region europe-west1");
    }

    @TestFactory
    Stream<DynamicTest> aMissingRequiredKeyIsNamed() {
        return Stream.of(PROJECT, REGION, ZONES, DOMAIN, BACKUP_COPY_REGION, BACKUP_COPY_PROJECT, AUTHORIZED_NETWORKS,
                        CREDENTIAL_SEED, REGISTRY_CREDENTIALS, MAIL_CREDENTIALS, PAYMENT_CREDENTIALS, ALERTING, MANIFESTS_REVISION)
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
    void productionsBackupCopyMustLeaveTheProject() {
        assertRejected(Environment.PROD, set(BACKUP_COPY_PROJECT, "shop-platform-prod"), BACKUP_COPY_PROJECT,
                "must be another project");
    }

    @Test
    void aProjectGcsWouldRefuseTheBackupBucketsForIsNamed() {
        assertRejected(Environment.DEV, set(PROJECT, "goog-shop-dev"), PROJECT, "bucket name 'goog-shop-dev-shop-backups'");
    }

    @Test
    void aNatTooSmallForTheClustersNodesIsRefused() {
        assertRejected(Environment.PROD, set(NAT_ADDRESSES, "0"), NAT_ADDRESSES, "cannot give 20 nodes 1024 ports each");
    }

    @Test
    void aReservedDomainGetsNoCertificate() {
        assertRejected(Environment.STAGING, set(DOMAIN, "staging.shop.example"), DOMAIN, "reserved for documentation");
    }

    @Test
    void generatedPasswordsNeedALongEncryptedSeed() {
        assertRejected(Environment.DEV, set(CREDENTIAL_SEED, "short"), CREDENTIAL_SEED, "at least 32 random characters");
        Map<String, String> raw = Stacks.stackFile(Environment.DEV);
        InvalidConfigException e = Stacks.run(Environment.DEV.id(), ctx -> App.stack(ctx,
                        ConfigSource.of(raw, Set.of(REGISTRY_CREDENTIALS, ALERTING)),
                        Stacks.PROPAGATION))
                .failure(InvalidConfigException.class);
        assertThat(e.getMessage()).contains(CREDENTIAL_SEED + ": must be stored encrypted");
    }

    @Test
    void aRotationOfAPasswordNothingUsesIsNamed() {
        assertRejected(Environment.DEV, set(CREDENTIAL_ROTATIONS, "{\"redis\": 1, \"reddis\": 1}"),
                CREDENTIAL_ROTATIONS + ".reddis", "no generated password is for 'reddis'");
    }

    @Test
    void productionPagesAndEveryEndpointIsChecked() {
        assertRejected(Environment.PROD, set(ALERTING, "{\"slackWebhookUrl\": \"" + Stacks.CHAT_WEBHOOK + "\"}"),
                ALERTING + ".pagerDutyRoutingKey", "is required in production");
        assertRejected(Environment.STAGING, set(ALERTING, "{\"slackWebhookUrl\": \"http://chat.local/hook\"}"),
                ALERTING + ".slackWebhookUrl", "https://");
    }

    @Test
    void stagingAndProductionSyncAPinnedCommit() {
        assertRejected(Environment.STAGING, set(MANIFESTS_REVISION, "manifests"), MANIFESTS_REVISION,
                "not a full commit id");
        assertRejected(Environment.PROD, raw -> raw.remove(MANIFESTS_REVISION), MANIFESTS_REVISION,
                "never the branch head");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Consumer<Map<String, String>> edit = set(PROJECT, "Shop Dev").andThen(set(AUTHORIZED_NETWORKS, "[\"0.0.0.0/33\"]"));
        assertRejected(Environment.DEV, edit, PROJECT, "is not a GCP project id");
        InvalidConfigException e = Stacks.run(Environment.DEV, edit).run().failure(InvalidConfigException.class);
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
        Stacks.copyManifests(dist, Environment.DEV,
                "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: gateway, namespace: shop-dev}\n");
        Run run = Stacks.run(Environment.DEV, set(StackConfig.MANIFESTS_DIR, dist.toString())).run();
        assertThat(run.failure(IllegalStateException.class)).hasMessageContaining("[cilium.io/CiliumNetworkPolicy]")
                .hasMessageContaining("neither GKE nor an add-on serves");
        assertThat(run.mocks().registered).isEmpty();
    }

    @Test
    void theProgramReadsPulumisConfiguration() {
        // Pulumi's test runner passes no configuration, so `pulumi up` with an empty stack file looks like this.
        Run run = Stacks.run("dev", App::stack);
        assertThat(run.failure(InvalidConfigException.class).keys())
                .containsExactly(PROJECT, REGION, ZONES, DOMAIN, BACKUP_COPY_REGION, AUTHORIZED_NETWORKS, CREDENTIAL_SEED,
                        REGISTRY_CREDENTIALS, MAIL_CREDENTIALS, PAYMENT_CREDENTIALS);
        assertThat(run.mocks().registered).isEmpty();
    }

    @Test
    void anUnknownStackNameIsRefused() {
        Run run = Stacks.run("qa", Stacks.stackFile(Environment.PROD));
        assertThat(run.failure(IllegalArgumentException.class)).hasMessageContaining("unknown environment 'qa'");
        assertThat(run.mocks().registered).isEmpty();
    }

    static void assertRejected(Environment env, Consumer<Map<String, String>> edit, String key, String message) {
        Run run = Stacks.run(env, edit).run();
        InvalidConfigException e = run.failure(InvalidConfigException.class);
        assertThat(e.keys()).contains(key);
        assertThat(e.getMessage()).contains(key + ": ").contains(message);
        assertThat(run.mocks().registered).as("resources declared despite bad configuration").isEmpty();
    }

    static Consumer<Map<String, String>> set(String key, String value) {
        return raw -> raw.put(key, value);
    }
}
