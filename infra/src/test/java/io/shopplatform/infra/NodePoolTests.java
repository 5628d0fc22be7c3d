package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.Deployed.value;
import static io.shopplatform.infra.Stacks.deployed;
import static io.shopplatform.infra.Stacks.everyStack;
import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.container.outputs.NodePoolAutoscaling;
import com.pulumi.gcp.container.outputs.NodePoolNodeConfig;
import com.pulumi.gcp.container.outputs.NodePoolNodeConfigTaint;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.config.PoolSettings;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class NodePoolTests {

    static final String GKE_POOL = "gcp:container/nodePool:NodePool";

    @TestFactory
    Stream<DynamicTest> theClusterHasExactlyTheModelsPools() {
        // Pulumi registers resources asynchronously: the pools arrive in any order, the set is what must match.
        return everyStack("the cluster has exactly the model's node pools", stack ->
                assertThat(stack.all(NodePool.class)).extracting(NodePoolTests::poolName)
                        .containsExactlyInAnyOrderElementsOf(PLATFORM.nodePools().stream()
                                .map(io.shopplatform.model.NodePool::name).toList()));
    }

    @Test
    void prodRunsTheSeedsMachineTypes() {
        Deployed prod = deployed(Environment.PROD);
        assertThat(nodeConfig(prod, Shop.APP_POOL).machineType()).contains("e2-standard-4");
        assertThat(nodeConfig(prod, Shop.PAYMENT_POOL).machineType()).contains("n2d-standard-4");
        assertThat(nodeConfig(prod, Shop.DB_POOL).machineType()).contains("c2-standard-8");
        assertThat(nodeConfig(prod, Shop.CACHE_POOL).machineType()).contains("n2-highmem-2");
    }

    @TestFactory
    Stream<DynamicTest> poolsRunTheStacksMachineTypes() {
        return everyStack("each pool runs the machine type its stack configures", stack ->
                forEachPool(stack, (settings, pool) ->
                        assertThat(value(pool.nodeConfig()).machineType()).as(settings.name()).contains(settings.machineType())));
    }

    @TestFactory
    Stream<DynamicTest> poolsSpreadOverTheThreeZones() {
        return everyStack("every pool spreads over the stack's three zones", stack -> forEachPool(stack, (settings, pool) -> {
            assertThat(value(pool.nodeLocations())).as(settings.name())
                    .hasSize(PLATFORM.zones()).containsExactlyElementsOf(stack.config().zones());
            assertThat(value(pool.location())).isEqualTo(stack.config().region());
        }));
    }

    @TestFactory
    Stream<DynamicTest> dbPoolIsTainted() {
        return everyStack("db pool is tainted so only the data tier lands there", stack ->
                assertThat(nodeConfig(stack, Shop.DB_POOL).taints())
                        .extracting(NodePoolNodeConfigTaint::key, NodePoolNodeConfigTaint::value, NodePoolNodeConfigTaint::effect)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("dedicated", "database", "NO_SCHEDULE")));
    }

    @TestFactory
    Stream<DynamicTest> poolsCarryTheModelsTaints() {
        return everyStack("every pool carries exactly the model's taint", stack -> forEachPool(stack, (settings, pool) ->
                assertThat(value(pool.nodeConfig()).taints()).as(settings.name())
                        .extracting(NodePoolNodeConfigTaint::key, NodePoolNodeConfigTaint::value)
                        .containsExactlyElementsOf(settings.model().taint().stream()
                                .map(t -> org.assertj.core.groups.Tuple.tuple(t.key(), t.value())).toList())));
    }

    @Test
    void thePaymentPoolIsDedicatedToPayment() {
        assertThat(nodeConfig(deployed(Environment.PROD), Shop.PAYMENT_POOL).taints())
                .extracting(NodePoolNodeConfigTaint::key, NodePoolNodeConfigTaint::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dedicated", "payment"));
        assertThat(Taint.EFFECT).isEqualTo("NoSchedule");
    }

    @TestFactory
    Stream<DynamicTest> poolsLabelTheirNodes() {
        return everyStack("every pool labels its nodes with its name", stack -> forEachPool(stack, (settings, pool) ->
                assertThat(value(pool.nodeConfig()).labels())
                        .containsEntry(io.shopplatform.model.NodePool.LABEL, settings.name())));
    }

    @TestFactory
    Stream<DynamicTest> autoscalingCountsTotals() {
        return everyStack("autoscaling bounds are the stack's totals, balanced over zones", stack ->
                forEachPool(stack, (settings, pool) -> {
                    NodePoolAutoscaling autoscaling = value(pool.autoscaling()).orElseThrow();
                    assertThat(autoscaling.totalMinNodeCount()).as(settings.name()).contains(settings.minNodes());
                    assertThat(autoscaling.totalMaxNodeCount()).as(settings.name()).contains(settings.maxNodes());
                    assertThat(autoscaling.minNodeCount()).isEmpty();
                    assertThat(autoscaling.maxNodeCount()).isEmpty();
                    assertThat(autoscaling.locationPolicy()).contains("BALANCED");
                }));
    }

    @TestFactory
    Stream<DynamicTest> poolsStartWithinTheirBounds() {
        return everyStack("every pool starts with the same count in each zone, within its bounds", stack ->
                forEachPool(stack, (settings, pool) -> {
                    int zones = value(pool.nodeLocations()).size();
                    int perZone = value(pool.initialNodeCount());
                    assertThat(perZone * zones).as(settings.name() + " starts with").isBetween(settings.minNodes(),
                            settings.maxNodes());
                }));
    }

    @TestFactory
    Stream<DynamicTest> bootDisksAreTheModelsPerPool() {
        return everyStack("every pool's boot disk is the model's type and size, never GKE's 100 GB default", stack ->
                forEachPool(stack, (settings, pool) -> {
                    NodePoolNodeConfig node = value(pool.nodeConfig());
                    assertThat(node.diskType()).as(settings.name()).contains(settings.model().bootDisk().type());
                    assertThat(node.diskSizeGb()).as(settings.name()).contains(settings.model().bootDisk().sizeGb());
                    assertThat(node.diskSizeGb().orElseThrow()).isLessThan(100);
                }));
    }

    @TestFactory
    Stream<DynamicTest> paymentNodesEncryptTheirMemory() {
        return everyStack("the payment pool runs Confidential GKE Nodes on a family that supports them; others do not",
                stack -> forEachPool(stack, (settings, pool) -> {
                    NodePoolNodeConfig node = value(pool.nodeConfig());
                    boolean confidential = node.confidentialNodes().orElseThrow().enabled();
                    assertThat(confidential).as(settings.name()).isEqualTo(settings.name().equals(Shop.PAYMENT_POOL));
                    if (confidential) {
                        assertThat(io.shopplatform.model.NodePool.supportsConfidentialNodes(node.machineType().orElseThrow()))
                                .isTrue();
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> aReplacedPoolNeverWaitsForItsOwnName() {
        return everyStack("pools are named by prefix, so a replacement is created beside the pool it replaces",
                stack -> stack.all(NodePool.class).forEach(pool -> {
                    assertThat(value(pool.namePrefix())).isNotBlank();
                    assertThat(stack.registered(GKE_POOL, pool.pulumiResourceName()).inputs).doesNotContainKey("name");
                }));
    }

    @TestFactory
    Stream<DynamicTest> theClusterStaysWithinTheSeedsBounds() {
        return everyStack("the pools never add up to more than the seed's 20 nodes", stack ->
                assertThat(totals(stack).get(1)).isBetween(1, PLATFORM.maxNodes()));
    }

    @Test
    void prodPoolsSumToTheSeedsSixToTwentyNodes() {
        assertThat(totals(deployed(Environment.PROD))).containsExactly(6, 20);
    }

    @Test
    void devIsSmallerThanProd() {
        assertThat(totals(deployed(Environment.DEV)).get(1)).isLessThan(totals(deployed(Environment.PROD)).get(1));
    }

    @TestFactory
    Stream<DynamicTest> spotOnlyWhereTheModelAllows() {
        return everyStack("spot VMs only where the stack asks and the model allows", stack ->
                forEachPool(stack, (settings, pool) -> {
                    boolean spot = value(pool.nodeConfig()).spot().orElse(false);
                    assertThat(spot).as(settings.name()).isEqualTo(settings.spot());
                    if (spot) {
                        assertThat(settings.model().spotAllowed()).as(settings.name()).isTrue();
                    }
                }));
    }

    @Test
    void spotIsConfiguredPerEnvironment() {
        assertThat(nodeConfig(deployed(Environment.DEV), Shop.APP_POOL).spot()).contains(true);
        assertThat(nodeConfig(deployed(Environment.PROD), Shop.APP_POOL).spot()).contains(false);
    }

    @TestFactory
    Stream<DynamicTest> poolsRepairAndUpgradeThemselves() {
        return everyStack("every pool auto-repairs and auto-upgrades", stack -> forEachPool(stack, (settings, pool) -> {
            assertThat(value(pool.management()).autoRepair()).as(settings.name()).contains(true);
            assertThat(value(pool.management()).autoUpgrade()).as(settings.name()).contains(true);
        }));
    }

    @TestFactory
    Stream<DynamicTest> nodesAreShieldedAndHideTheirCredentials() {
        return everyStack("nodes boot shielded and serve pods the Workload Identity metadata server", stack ->
                forEachPool(stack, (settings, pool) -> {
                    NodePoolNodeConfig node = value(pool.nodeConfig());
                    assertThat(node.workloadMetadataConfig().orElseThrow().mode()).isEqualTo("GKE_METADATA");
                    assertThat(node.shieldedInstanceConfig().orElseThrow().enableSecureBoot()).contains(true);
                    assertThat(node.shieldedInstanceConfig().orElseThrow().enableIntegrityMonitoring()).contains(true);
                }));
    }

    static NodePoolNodeConfig nodeConfig(Deployed stack, String poolName) {
        return value(pool(stack, poolName).nodeConfig());
    }

    static NodePool pool(Deployed stack, String poolName) {
        return stack.all(NodePool.class).stream().filter(p -> poolName(p).equals(poolName)).findFirst()
                .orElseThrow(() -> new AssertionError("no node pool " + poolName));
    }

    /** The model's pool a GKE pool is: GKE names it with that prefix and a generated suffix. */
    static String poolName(NodePool pool) {
        String prefix = value(pool.namePrefix());
        return prefix.substring(0, prefix.length() - 1);
    }

    /** Declared [min, max] nodes of the whole cluster. */
    private static List<Integer> totals(Deployed stack) {
        int min = 0;
        int max = 0;
        for (NodePool pool : stack.all(NodePool.class)) {
            NodePoolAutoscaling autoscaling = value(pool.autoscaling()).orElseThrow();
            min += autoscaling.totalMinNodeCount().orElseThrow();
            max += autoscaling.totalMaxNodeCount().orElseThrow();
        }
        return List.of(min, max);
    }

    private static void forEachPool(Deployed stack, PoolCheck check) {
        Map<String, PoolSettings> settings = new java.util.HashMap<>();
        stack.config().nodePools().forEach(p -> settings.put(p.name(), p));
        assertThat(stack.all(NodePool.class)).hasSameSizeAs(settings.values());
        stack.all(NodePool.class).forEach(pool -> check.accept(settings.get(poolName(pool)), pool));
    }

    @FunctionalInterface
    private interface PoolCheck {
        void accept(PoolSettings settings, NodePool pool);
    }
}
