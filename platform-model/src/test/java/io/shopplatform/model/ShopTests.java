package io.shopplatform.model;

import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShopTests {

    @Test
    void declaresTheSeedsSixServices() {
        assertThat(PLATFORM.services()).extracting(Component::name)
                .containsExactly("gateway", "user", "product", "order", "payment", "inventory");
    }

    @Test
    void hpaTableMatchesTheSeed() {
        Autoscaling product = PLATFORM.component(Shop.PRODUCT).autoscaling().orElseThrow();
        assertThat(product.minReplicas()).isEqualTo(5);
        assertThat(product.maxReplicas()).isEqualTo(20);
        assertThat(product.cpuTargetPercent()).isEqualTo(65);
        assertThat(product.memoryTargetPercent()).contains(75);
        assertThat(product.scaleUp()).isEqualTo(ScalingStep.of(50, 15));
        assertThat(product.scaleDown()).isEqualTo(ScalingStep.of(10, 60));

        Autoscaling payment = PLATFORM.component(Shop.PAYMENT).autoscaling().orElseThrow();
        assertThat(List.of(payment.minReplicas(), payment.maxReplicas(), payment.cpuTargetPercent()))
                .containsExactly(2, 8, 60);
        assertThat(payment.scaleDown()).isEqualTo(ScalingStep.of(5, 600));
    }

    @Test
    void cacheHitRatioScalesOnTheMissSide() {
        CustomMetric m = PLATFORM.component(Shop.PRODUCT).autoscaling().orElseThrow().customMetric().orElseThrow();
        assertThat(m.hpaMetricName()).isEqualTo("cache_miss_ratio");
        assertThat(m.hpaTarget()).isEqualTo(0.15);
    }

    @Test
    void nodePoolsSumToTheSeedsClusterBounds() {
        assertThat(PLATFORM.nodePools().stream().mapToInt(NodePool::minNodes).sum()).isEqualTo(6);
        assertThat(PLATFORM.nodePools().stream().mapToInt(NodePool::maxNodes).sum()).isEqualTo(20);
        assertThat(PLATFORM.nodePool(Shop.DB_POOL).taint()).isPresent();
        assertThat(PLATFORM.nodePools()).extracting(NodePool::machineType)
                .contains("e2-standard-4", "c2-standard-8", "n2-highmem-2");
    }

    @Test
    void paymentNodesEncryptTheirMemoryOnAFamilyThatCan() {
        NodePool payment = PLATFORM.nodePool(Shop.PAYMENT_POOL);
        assertThat(payment.confidential()).isTrue();
        assertThat(NodePool.supportsConfidentialNodes(payment.machineType())).isTrue();
        assertThat(NodePool.supportsConfidentialNodes("e2-standard-4")).isFalse();
        assertThatThrownBy(() -> new NodePool("p", "e2-standard-4", 4, 16, 0, 1, Optional.empty(), false,
                BootDisk.balanced(50), true, "x")).hasMessageContaining("cannot run Confidential GKE Nodes");
    }

    @Test
    void servicesReachTheDatabaseOnlyThroughPgPool() {
        for (Component s : PLATFORM.services()) {
            assertThat(PLATFORM.mayConnect(s.name(), Shop.POSTGRES)).as(s.name()).isFalse();
        }
        assertThat(PLATFORM.mayConnect(Shop.PRODUCT, Shop.PGPOOL)).isTrue();
        assertThat(PLATFORM.mayConnect(Shop.GATEWAY, Shop.PGPOOL)).isFalse();
    }

    @Test
    void paymentTalksToNoCache() {
        assertThat(PLATFORM.edgesFrom(Shop.PAYMENT)).extracting(Edge::to)
                .containsExactlyInAnyOrder(Shop.PGPOOL, Shop.KAFKA, Shop.PAYMENT_PROVIDERS);
    }

    @Test
    void onlyPaymentAndBackupsLeaveTheCluster() {
        assertThat(PLATFORM.edgesTo(Shop.PAYMENT_PROVIDERS)).extracting(Edge::from).containsExactly(Shop.PAYMENT);
        assertThat(PLATFORM.edgesTo(Shop.CLOUD_STORAGE)).extracting(Edge::from).containsExactly(Shop.DB_BACKUP);
        assertThat(Wiring.variablesOf(PLATFORM, Shop.DB_BACKUP)).extracting(Wiring.Variable::name)
                .doesNotContain("SHOP_CLOUD_STORAGE_URL");
    }

    @Test
    void environmentsShrinkReplicasButKeepTheirShape() {
        Autoscaling seed = PLATFORM.component(Shop.PRODUCT).autoscaling().orElseThrow();
        assertThat(Environment.PROD.scale(seed)).isEqualTo(seed);
        assertThat(Environment.DEV.scale(seed).minReplicas()).isEqualTo(1);
        assertThat(Environment.DEV.instances(PLATFORM.component(Shop.REDIS))).isEqualTo(6);
        assertThat(Environment.DEV.instances(PLATFORM.component(Shop.POSTGRES))).isEqualTo(2);
        assertThatThrownBy(() -> Environment.of("qa")).hasMessageContaining("qa");
    }

    @Test
    void refusesAnEdgeToAMissingPort() {
        Component gateway = PLATFORM.component(Shop.GATEWAY);
        assertThatThrownBy(() -> new Platform(3, 2, 12, List.of(PLATFORM.nodePool(Shop.APP_POOL)),
                List.of(gateway), List.of(new Edge("gateway", "gateway", "https")), PLATFORM.pooling(), 256,
                List.of(), PLATFORM.thresholds(), PLATFORM.canary(), PLATFORM.backups(), List.of()))
                .hasMessageContaining("gateway has no port https");
    }

    @Test
    void refusesNodePoolsThatDoNotSumToTheClusterBounds() {
        assertThatThrownBy(() -> new Platform(3, 6, 20, List.of(PLATFORM.nodePool(Shop.APP_POOL)),
                List.of(), List.of(), PLATFORM.pooling(), 256, List.of(), PLATFORM.thresholds(), PLATFORM.canary(),
                PLATFORM.backups(), List.of()))
                .hasMessageContaining("node pools total 2..12 nodes, the cluster is bounded 6..20");
    }

    @Test
    void refusesAnUnpinnedImage() {
        assertThatThrownBy(() -> new Image("redis", "latest")).hasMessageContaining("pinned");
    }

    @Test
    void seedsThresholdsAreDeclaredOnce() {
        assertThat(PLATFORM.thresholds().p95ResponseTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(PLATFORM.thresholds().criticalErrorRate()).isEqualTo(0.05);
        assertThat(PLATFORM.pooling().maxBackendConnections()).isEqualTo(200);
        assertThat(PLATFORM.cache("sessions").ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(PLATFORM.canary().steps()).extracting(CanaryStep::weightPercent).containsExactly(10, 25, 50, 100);
        assertThat(Optional.of(PLATFORM.loadProfile("black-friday").requestsPerSecond())).contains(25_000);
    }
}
