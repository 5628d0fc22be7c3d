package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.Deployed.value;
import static io.shopplatform.infra.Stacks.deployed;
import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.internal.Internal;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.outputs.ClusterDatabaseEncryption;
import com.pulumi.gcp.container.outputs.ClusterNodeConfig;
import com.pulumi.gcp.kms.CryptoKey;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.serviceaccount.Account;
import io.shopplatform.infra.cluster.Gke;
import io.shopplatform.model.Environment;
import com.pulumi.gcp.container.outputs.ClusterMaintenancePolicyRecurringWindow;
import com.pulumi.gcp.container.outputs.ClusterMasterAuthorizedNetworksConfigCidrBlock;
import com.pulumi.gcp.container.outputs.ClusterPrivateClusterConfig;
import io.shopplatform.infra.deploy.Addons;
import io.shopplatform.infra.deploy.Api;
import io.shopplatform.infra.network.Vpc;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ClusterTests {

    static final String CLUSTER = "gcp:container/cluster:Cluster";

    @TestFactory
    Stream<DynamicTest> theClusterIsRegionalOverThreeZones() {
        return everyStack("the cluster is regional, over the stack's zones", stack -> {
            Cluster cluster = stack.one(Cluster.class);
            assertThat(value(cluster.location())).isEqualTo(stack.config().region());
            assertThat(value(cluster.nodeLocations())).containsExactlyElementsOf(stack.config().zones());
        });
    }

    @TestFactory
    Stream<DynamicTest> nodesArePrivate() {
        return everyStack("nodes are private; the control plane answers only authorized networks", stack -> {
            Cluster cluster = stack.one(Cluster.class);
            ClusterPrivateClusterConfig privateCluster = value(cluster.privateClusterConfig());
            assertThat(privateCluster.enablePrivateNodes()).contains(true);
            assertThat(privateCluster.masterIpv4CidrBlock()).contains(Vpc.CONTROL_PLANE_CIDR);
            assertThat(value(cluster.masterAuthorizedNetworksConfig()).cidrBlocks())
                    .extracting(ClusterMasterAuthorizedNetworksConfigCidrBlock::cidrBlock)
                    .containsExactlyElementsOf(stack.config().authorizedNetworks())
                    .doesNotContain("0.0.0.0/0");
        });
    }

    @TestFactory
    Stream<DynamicTest> theDefaultNodePoolIsRemoved() {
        return everyStack("the default node pool is removed", stack ->
                assertThat(value(stack.one(Cluster.class).removeDefaultNodePool())).contains(true));
    }

    @TestFactory
    Stream<DynamicTest> workloadIdentityIsOn() {
        return everyStack("workload identity is on, in the project's pool", stack ->
                assertThat(value(stack.one(Cluster.class).workloadIdentityConfig()).workloadPool())
                        .contains(stack.config().project() + ".svc.id.goog"));
    }

    @TestFactory
    Stream<DynamicTest> networkPoliciesAreEnforced() {
        return everyStack("network policies are enforced (Dataplane V2)", stack ->
                assertThat(value(stack.one(Cluster.class).datapathProvider())).isEqualTo("ADVANCED_DATAPATH"));
    }

    @TestFactory
    Stream<DynamicTest> gkeServesTheVerticalPodAutoscaler() {
        return everyStack("vertical pod autoscaling is on, so GKE serves the VerticalPodAutoscaler the manifests use", stack -> {
            assertThat(Addons.FROM_GKE).contains(new Api("autoscaling.k8s.io", "VerticalPodAutoscaler"));
            assertThat(value(stack.one(Cluster.class).verticalPodAutoscaling()).enabled()).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> nodesAreShielded() {
        return everyStack("shielded nodes are on", stack ->
                assertThat(value(stack.one(Cluster.class).enableShieldedNodes())).contains(true));
    }

    @TestFactory
    Stream<DynamicTest> upgradesFollowTheReleaseChannelInsideTheWindow() {
        return everyStack("upgrades follow the stack's release channel, daily after the 02:00 UTC backup", stack -> {
            Cluster cluster = stack.one(Cluster.class);
            assertThat(value(cluster.releaseChannel()).channel()).contains(stack.config().releaseChannel());
            ClusterMaintenancePolicyRecurringWindow window =
                    value(cluster.maintenancePolicy()).orElseThrow().recurringWindow().orElseThrow();
            assertThat(window.recurrence()).isEqualTo("FREQ=DAILY");
            assertThat(window.startTime()).endsWith("T03:00:00Z");
            assertThat(window.endTime()).endsWith("T07:00:00Z");
        });
    }

    @TestFactory
    Stream<DynamicTest> loggingAndMonitoringAreOn() {
        return everyStack("logging and monitoring are on", stack -> {
            Cluster cluster = stack.one(Cluster.class);
            assertThat(value(cluster.loggingConfig()).enableComponents()).contains("SYSTEM_COMPONENTS", "WORKLOADS");
            assertThat(value(cluster.monitoringConfig()).enableComponents()).contains("SYSTEM_COMPONENTS");
        });
    }

    @Test
    void productionsClusterKeepsDeletionProtection() {
        assertThat(value(deployed(Environment.PROD).one(Cluster.class).deletionProtection())).contains(true);
        assertThat(value(deployed(Environment.DEV).one(Cluster.class).deletionProtection())).contains(false);
    }

    @TestFactory
    Stream<DynamicTest> theTemporaryDefaultPoolRunsAsTheKitsNodeAccount() {
        return everyStack("the default pool GKE creates first runs as the nodes' account, on small standard disks",
                stack -> {
                    ClusterNodeConfig node = value(stack.one(Cluster.class).nodeConfig());
                    Account nodes = stack.all(Account.class).stream()
                            .filter(a -> value(a.accountId()).equals(stack.config().prefix() + "-nodes")).findFirst().orElseThrow();
                    assertThat(node.serviceAccount()).contains(value(nodes.email()));
                    assertThat(node.diskType()).contains("pd-standard");
                    assertThat(node.diskSizeGb()).contains(Gke.TEMPORARY_DISK.sizeGb());
                    assertThat(node.workloadMetadataConfig().orElseThrow().mode()).isEqualTo("GKE_METADATA");
                });
    }

    @TestFactory
    Stream<DynamicTest> secretsAreEncryptedWithTheProjectsKey() {
        return everyStack("etcd encrypts Secrets with a rotating KMS key that GKE's service agent may use", stack -> {
            Cluster cluster = stack.one(Cluster.class);
            CryptoKey key = stack.one(CryptoKey.class);
            ClusterDatabaseEncryption encryption = value(cluster.databaseEncryption());
            assertThat(encryption.state()).isEqualTo("ENCRYPTED");
            assertThat(encryption.keyName()).contains(value(key.id()));
            assertThat(value(key.rotationPeriod())).hasValueSatisfying(p ->
                    assertThat(Long.parseLong(p.replace("s", ""))).isLessThanOrEqualTo(90L * 24 * 3600));
            CryptoKeyIAMMember grant = stack.one(CryptoKeyIAMMember.class);
            assertThat(value(grant.cryptoKeyId())).isEqualTo(value(key.id()));
            assertThat(value(grant.member())).isEqualTo("serviceAccount:service-" + GcpMocks.PROJECT_NUMBER
                    + "@container-engine-robot.iam.gserviceaccount.com");
            // The cluster is created only once GKE may use the key.
            assertThat(stack.dependencies(CLUSTER, stack.config().prefix()))
                    .contains(stack.mocks().urns.get("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::" + grant.pulumiResourceName()));
        });
    }

    @TestFactory
    Stream<DynamicTest> theClusterIsExported() {
        return everyStack("cluster name, endpoint and a secret kubeconfig are exported", stack -> {
            Cluster cluster = stack.one(Cluster.class);
            assertThat(value(stack.result().output("clusterName", String.class))).isEqualTo(value(cluster.name()));
            assertThat(value(stack.result().output("endpoint", String.class))).isEqualTo(GcpMocks.ENDPOINT);
            var kubeconfig = stack.result().output("kubeconfig", String.class);
            assertThat(Internal.of(kubeconfig).isSecret().join()).isTrue();
            assertThat(value(kubeconfig)).contains("server: https://" + GcpMocks.ENDPOINT);
        });
    }

    @TestFactory
    Stream<DynamicTest> theKubeconfigHoldsNoCredential() {
        return everyStack("the kubeconfig holds no credential: gke-gcloud-auth-plugin fetches one", stack ->
                assertThat(value(stack.result().output("kubeconfig", String.class)))
                        .contains("command: gke-gcloud-auth-plugin")
                        .contains("certificate-authority-data: " + GcpMocks.CA_CERTIFICATE)
                        .doesNotContain("token:", "client-key", "client-certificate", "password"));
    }
}
