package io.shopplatform.infra.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.container.NodePoolArgs;
import com.pulumi.gcp.container.inputs.ClusterDatabaseEncryptionArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterLoggingConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyRecurringWindowArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterMonitoringConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterNodeConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterVerticalPodAutoscalingArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolAutoscalingArgs;
import com.pulumi.gcp.container.inputs.NodePoolManagementArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigConfidentialNodesArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigTaintArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.resources.CustomResourceOptions;
import io.shopplatform.infra.config.PoolSettings;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.identity.Identities;
import io.shopplatform.infra.network.Vpc;
import io.shopplatform.infra.project.Apis;
import io.shopplatform.model.BootDisk;
import io.shopplatform.model.Taint;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The regional GKE cluster over the stack's zones, and the model's node pools on it. Nodes are private (no external
 * address), network policies are enforced by Dataplane V2, pods reach Google APIs only through Workload Identity,
 * Secrets are encrypted in etcd with the project's KMS key, and the payment pool's nodes encrypt their memory.
 */
public record Gke(Cluster cluster, List<NodePool> nodePools) {

    /** Dataplane V2 (eBPF), which enforces NetworkPolicy without Calico. */
    public static final String DATAPLANE_V2 = "ADVANCED_DATAPATH";
    /** Daily, after the seed's 02:00 UTC full backup (Shop.BACKUPS) and long before European business hours. */
    static final String MAINTENANCE_START = "2025-01-01T03:00:00Z";
    static final String MAINTENANCE_END = "2025-01-01T07:00:00Z";
    static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** The short-lived default pool: small, and on standard disks (DISKS_TOTAL_GB, not the SSD quota). */
    public static final String TEMPORARY_MACHINE = "e2-medium";
    public static final BootDisk TEMPORARY_DISK = new BootDisk("pd-standard", 30);

    public static Gke declare(StackConfig config, Apis apis, Vpc vpc, Account nodeAccount) {
        var encryption = SecretsEncryption.declare(config, apis);
        var cluster = new Cluster(config.prefix(), ClusterArgs.builder()
                .name(config.prefix())
                .location(config.region())
                .nodeLocations(config.zones())
                .network(vpc.network().id())
                .subnetwork(vpc.subnetwork().id())
                .networkingMode("VPC_NATIVE")
                .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder()
                        .clusterSecondaryRangeName(Vpc.PODS_RANGE)
                        .servicesSecondaryRangeName(Vpc.SERVICES_RANGE)
                        .build())
                // The pools below replace the default one, which GKE insists on creating first (one node per zone).
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                .nodeConfig(temporaryDefaultPool(nodeAccount))
                .privateClusterConfig(ClusterPrivateClusterConfigArgs.builder()
                        .enablePrivateNodes(true)
                        // Public endpoint, but only for the authorized networks: `pulumi up` and kubectl run outside.
                        .enablePrivateEndpoint(false)
                        .masterIpv4CidrBlock(Vpc.CONTROL_PLANE_CIDR)
                        .build())
                .masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
                        .cidrBlocks(config.authorizedNetworks().stream()
                                .map(cidr -> ClusterMasterAuthorizedNetworksConfigCidrBlockArgs.builder()
                                        .cidrBlock(cidr).displayName("authorized " + cidr).build())
                                .toList())
                        .build())
                .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder()
                        .workloadPool(Identities.workloadPool(config))
                        .build())
                .datapathProvider(DATAPLANE_V2)
                .enableShieldedNodes(true)
                .verticalPodAutoscaling(ClusterVerticalPodAutoscalingArgs.builder().enabled(true).build())
                .releaseChannel(ClusterReleaseChannelArgs.builder().channel(config.releaseChannel()).build())
                .maintenancePolicy(ClusterMaintenancePolicyArgs.builder()
                        .recurringWindow(ClusterMaintenancePolicyRecurringWindowArgs.builder()
                                .startTime(MAINTENANCE_START)
                                .endTime(MAINTENANCE_END)
                                .recurrence("FREQ=DAILY")
                                .build())
                        .build())
                .loggingConfig(ClusterLoggingConfigArgs.builder()
                        .enableComponents("SYSTEM_COMPONENTS", "WORKLOADS")
                        .build())
                .monitoringConfig(ClusterMonitoringConfigArgs.builder()
                        .enableComponents("SYSTEM_COMPONENTS")
                        .build())
                .databaseEncryption(ClusterDatabaseEncryptionArgs.builder()
                        .state("ENCRYPTED")
                        .keyName(encryption.key().id())
                        .build())
                .deletionProtection(config.deletionProtection())
                .resourceLabels(Map.of("environment", config.environment().id()))
                .build(),
                CustomResourceOptions.builder()
                        .protect(config.protectsResources())
                        .dependsOn(Stream.concat(apis.needs(Apis.CONTAINER, Apis.COMPUTE).stream(),
                                Stream.of(encryption.grant())).toList())
                        .build());
        List<NodePool> pools = config.nodePools().stream()
                .map(pool -> nodePool(config, cluster, pool, nodeAccount))
                .toList();
        return new Gke(cluster, pools);
    }

    /**
     * The default pool GKE creates before the real ones and removes right after: it still needs an account (the
     * Compute Engine default one is disabled in hardened organizations) and should not take SSD quota.
     */
    private static ClusterNodeConfigArgs temporaryDefaultPool(Account nodeAccount) {
        return ClusterNodeConfigArgs.builder()
                .machineType(TEMPORARY_MACHINE)
                .diskType(TEMPORARY_DISK.type())
                .diskSizeGb(TEMPORARY_DISK.sizeGb())
                .serviceAccount(nodeAccount.email())
                .oauthScopes(CLOUD_PLATFORM_SCOPE)
                .workloadMetadataConfig(ClusterNodeConfigWorkloadMetadataConfigArgs.builder().mode("GKE_METADATA").build())
                .shieldedInstanceConfig(ClusterNodeConfigShieldedInstanceConfigArgs.builder()
                        .enableSecureBoot(true).enableIntegrityMonitoring(true).build())
                .build();
    }

    private static NodePool nodePool(StackConfig config, Cluster cluster, PoolSettings pool, Account nodeAccount) {
        var nodeConfig = NodePoolNodeConfigArgs.builder()
                .machineType(pool.machineType())
                .diskType(pool.bootDisk().type())
                .diskSizeGb(pool.bootDisk().sizeGb())
                .confidentialNodes(NodePoolNodeConfigConfidentialNodesArgs.builder().enabled(pool.confidential()).build())
                .spot(pool.spot())
                .serviceAccount(nodeAccount.email())
                .oauthScopes(CLOUD_PLATFORM_SCOPE)
                .labels(Map.of(io.shopplatform.model.NodePool.LABEL, pool.name()))
                .taints(pool.model().taint().map(Gke::noSchedule).stream().toList())
                .tags(Vpc.nodeTag(config))
                .imageType("COS_CONTAINERD")
                // Pods see the GKE metadata server, which hands out Workload Identity tokens, never the node's.
                .workloadMetadataConfig(NodePoolNodeConfigWorkloadMetadataConfigArgs.builder().mode("GKE_METADATA").build())
                .shieldedInstanceConfig(NodePoolNodeConfigShieldedInstanceConfigArgs.builder()
                        .enableSecureBoot(true)
                        .enableIntegrityMonitoring(true)
                        .build())
                .build();
        return new NodePool(config.prefix() + "-" + pool.name(), NodePoolArgs.builder()
                // A generated suffix: a change that forces replacement creates the new pool beside the old one,
                // whose pods then drain onto it, instead of failing on a name still in use.
                .namePrefix(pool.name() + "-")
                .cluster(cluster.id())
                .location(config.region())
                .nodeLocations(config.zones())
                // Totals across zones, so the pools' sums are the cluster's bounds; BALANCED keeps zones even.
                .autoscaling(NodePoolAutoscalingArgs.builder()
                        .totalMinNodeCount(pool.minNodes())
                        .totalMaxNodeCount(pool.maxNodes())
                        .locationPolicy("BALANCED")
                        .build())
                .initialNodeCount(pool.initialNodesPerZone(config.zones().size()))
                .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build())
                .nodeConfig(nodeConfig)
                .build(),
                // The autoscaler owns the node count from then on; a changed initial count would recreate the pool.
                CustomResourceOptions.builder().ignoreChanges("initialNodeCount")
                        .protect(config.protectsResources()).build());
    }

    /** GKE spells the model's Kubernetes taint effect (NoSchedule) as NO_SCHEDULE. */
    private static NodePoolNodeConfigTaintArgs noSchedule(Taint taint) {
        return NodePoolNodeConfigTaintArgs.builder()
                .key(taint.key())
                .value(taint.value())
                .effect(Taint.EFFECT.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT))
                .build();
    }

    /** A kubeconfig for this cluster that authenticates through gke-gcloud-auth-plugin: no credential in it. */
    public Output<String> kubeconfig() {
        return Output.tuple(cluster.name(), cluster.endpoint(), cluster.masterAuth())
                .applyValue(t -> Kubeconfig.render(t.t1, t.t2, t.t3.clusterCaCertificate().orElseThrow()))
                .asSecret();
    }
}
