package io.shopplatform.model;

import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.time.Duration.ofSeconds;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopTests {

    @Test
    void theDataTierAndPaymentArePreemptedLast() {
        for (Component c : PLATFORM.components()) {
            boolean critical = c.name().equals(Shop.PAYMENT) || List.of(Kind.DATABASE, Kind.POOLER, Kind.CACHE,
                    Kind.BROKER, Kind.SEARCH).contains(c.kind());
            assertThat(c.priority()).as(c.name()).isEqualTo(critical ? Priority.CRITICAL
                    : c.kind() == Kind.JOB || c.kind() == Kind.TASK ? Priority.BATCH : Priority.SERVING);
        }
        assertThat(Priority.CRITICAL.value()).isGreaterThan(Priority.SERVING.value());
        assertThat(Priority.SERVING.value()).isGreaterThan(Priority.BATCH.value());
    }

    @Test
    void aDrainThatEndsBeforeTheLoadBalancerLetsGoIsRefused() {
        Termination t = PLATFORM.termination();
        assertThat(t.preStopPause()).isGreaterThan(t.loadBalancerDeregistration());
        assertThat(t.gracePeriod()).isGreaterThan(t.preStopPause().plus(t.shutdownTimeout()));
        assertThatThrownBy(() -> Termination.builder().loadBalancerDeregistration(ofSeconds(15)).preStopPause(ofSeconds(15))
                .shutdownTimeout(ofSeconds(20)).gracePeriod(ofSeconds(60)).build())
                .hasMessageContaining("preStop pause (PT15S) must outlast the load balancer's deregistration");
        assertThatThrownBy(() -> Termination.builder().loadBalancerDeregistration(ofSeconds(15)).preStopPause(ofSeconds(20))
                .shutdownTimeout(ofSeconds(30)).gracePeriod(ofSeconds(30)).build())
                .hasMessageContaining("grace period (PT30S) must outlast the preStop pause and the shutdown timeout");
    }

    @Test
    void postgresIsGuaranteed() {
        assertThat(PLATFORM.component(Shop.POSTGRES).resources().isGuaranteed()).isTrue();
    }

    @Test
    void declaresTheSeedsSixServicesAndTheStorefront() {
        // The storefront comes last: the local runner's ports of the others stay where they were.
        assertThat(PLATFORM.services()).extracting(Component::name)
                .containsExactly("gateway", "user", "product", "order", "payment", "inventory", "storefront");
    }

    @Test
    void hpaTableMatchesTheSeed() {
        Autoscaling product = PLATFORM.component(Shop.PRODUCT).autoscaling().orElseThrow();
        assertThat(product.minReplicas()).isEqualTo(5);
        assertThat(product.maxReplicas()).isEqualTo(20);
        assertThat(product.cpuTargetPercent()).isEqualTo(65);
        assertThat(product.memoryTargetPercent()).contains(75);
        assertThat(product.scaleUp()).isEqualTo(ScalingStep.percent(50).every(Duration.ofSeconds(15)));
        assertThat(product.scaleDown()).isEqualTo(ScalingStep.percent(10).every(Duration.ofSeconds(60)));

        Autoscaling payment = PLATFORM.component(Shop.PAYMENT).autoscaling().orElseThrow();
        assertThat(List.of(payment.minReplicas(), payment.maxReplicas(), payment.cpuTargetPercent()))
                .containsExactly(2, 8, 60);
        assertThat(payment.scaleDown()).isEqualTo(ScalingStep.percent(5).every(Duration.ofSeconds(600)));
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
        assertThatThrownBy(() -> NodePool.builder("p").purpose("x").machineType("e2-standard-4").vcpus(4).memoryGiB(16)
                .bootDisk(BootDisk.balancedGb(50)).confidential().minNodes(0).maxNodes(1).build())
                .hasMessageContaining("cannot run Confidential GKE Nodes");
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
                .containsExactlyInAnyOrder(Shop.PGPOOL, Shop.KAFKA, Shop.PAYMENT_PROVIDERS, Shop.USER);
    }

    @Test
    void everyServiceButTheIssuerReachesTheKeysItChecksTokensWith() {
        // The storefront checks no token: it hands the shopper's to the gateway, which does.
        PLATFORM.services().stream().map(Component::name).filter(s -> !s.equals(Shop.USER) && !s.equals(Shop.STOREFRONT))
                .forEach(s -> assertThat(PLATFORM.edgesFrom(s)).extracting(Edge::to).as(s).contains(Shop.USER));
        assertThat(PLATFORM.edgesFrom(Shop.STOREFRONT)).extracting(Edge::to).containsExactly(Shop.GATEWAY);
    }

    @Test
    void onlyPaymentAndBackupsLeaveTheCluster() {
        assertThat(PLATFORM.edgesTo(Shop.PAYMENT_PROVIDERS)).extracting(Edge::from).containsExactly(Shop.PAYMENT);
        // The members archive WAL, the backup jobs write backups, a restore reads them.
        assertThat(PLATFORM.edgesTo(Shop.CLOUD_STORAGE)).extracting(Edge::from)
                .containsExactlyInAnyOrder(Shop.DB_BACKUP, Shop.POSTGRES, Shop.DB_RESTORE);
        assertThat(Wiring.variablesOf(PLATFORM, Shop.DB_BACKUP)).extracting(Wiring.Variable::name)
                .doesNotContain("SHOP_CLOUD_STORAGE_URL");
        // infra/ grants bucket access to exactly the components whose edges reach the bucket.
        assertThat(BackupBuckets.ACCESS.keySet()).containsExactlyInAnyOrderElementsOf(
                PLATFORM.edgesTo(Shop.CLOUD_STORAGE).stream().map(Edge::from).toList());
    }

    @Test
    void environmentsShrinkReplicasButKeepTheirShape() {
        Autoscaling seed = PLATFORM.component(Shop.PRODUCT).autoscaling().orElseThrow();
        assertThat(Environment.PROD.scale(seed)).isEqualTo(seed);
        assertThat(Environment.DEV.scale(seed).minReplicas()).isEqualTo(1);
        assertThat(Environment.DEV.instances(PLATFORM.component(Shop.REDIS))).isEqualTo(6);
        // Development keeps a quorum of two standbys and a watchdog of three PgPools: the mechanisms stay the same.
        assertThat(Environment.DEV.instances(PLATFORM.component(Shop.POSTGRES))).isEqualTo(3);
        assertThat(Environment.DEV.instances(PLATFORM.component(Shop.PGPOOL))).isEqualTo(3);
        assertThatThrownBy(() -> Environment.of("qa")).hasMessageContaining("qa");
    }

    @Test
    void refusesAnEdgeToAMissingPort() {
        Component gateway = PLATFORM.component(Shop.GATEWAY);
        assertThatThrownBy(() -> PLATFORM.toBuilder().minNodes(2).maxNodes(12)
                .nodePools(PLATFORM.nodePool(Shop.APP_POOL)).components(gateway)
                .edges(List.of(new Edge("gateway", "gateway", "https"))).build())
                .hasMessageContaining("gateway has no port https");
    }

    @Test
    void refusesNodePoolsThatDoNotSumToTheClusterBounds() {
        assertThatThrownBy(() -> PLATFORM.toBuilder().nodePools(PLATFORM.nodePool(Shop.APP_POOL))
                .components(List.of()).edges(List.of()).build())
                .hasMessageContaining("node pools total 2..12 nodes, the cluster is bounded 6..20");
    }

    @Test
    void refusesAComponentWhoseLimitsDoNotFitOnOneNodeOfItsPool() {
        Component onCachePool = Component.builder("big-db", Kind.DATABASE).purpose("too big for a cache node")
                .image("postgres:15.14-bookworm").nodePool(Shop.CACHE_POOL).resources(Resources.builder().guaranteedCpuMillis(4000).memoryMi(8192).build()).build();
        assertThatThrownBy(() -> PLATFORM.toBuilder().components(onCachePool).edges(List.of()).build())
                .hasMessageContaining("big-db (limits 4000m, 8192Mi) does not fit on one n2-highmem-2 node of cache"
                        + " (2 vCPU, 16 GiB)");
    }

    @Test
    void onlyTheStorefrontIsServedThroughTheCdnAndTheLoadBalancerReachesIt() {
        assertThat(PLATFORM.components()).filteredOn(c -> c.edgeCache() != EdgeCache.NONE).extracting(Component::name)
                .containsExactly(Shop.STOREFRONT);
        assertThat(PLATFORM.component(Shop.STOREFRONT).edgeCache()).isEqualTo(EdgeCache.CDN);
        assertThat(PLATFORM.mayConnect(Shop.INGRESS, Shop.STOREFRONT)).isTrue();
    }

    @Test
    void refusesACdnInFrontOfAComponentTheLoadBalancerDoesNotReach() {
        Component unreached = Component.builder("pages", Kind.EXTERNAL).purpose("pages nobody routes to")
                .ports(Shop.HTTP).edgeCache(EdgeCache.CDN).build();
        assertThatThrownBy(() -> PLATFORM.toBuilder().components(unreached).edges(List.of()).build())
                .hasMessageContaining("pages is served through the CDN but the load balancer (ingress) does not reach"
                        + " its http port");
    }

    @Test
    void refusesAnInProcessCacheThatCrowdsOutAServicesHeap() {
        assertThatThrownBy(() -> PLATFORM.toBuilder().applicationCacheMi(600).build())
                .hasMessageContaining("the in-process cache (600 Mi) takes more than half of product's memory (1024Mi)");
    }

    @Test
    void refusesAFailoverDetectionThatLeavesNoTimeToRecoverWithinTheRto() {
        DatabaseTargets slow = DatabaseTargets.builder()
                .read(PLATFORM.database().read()).write(PLATFORM.database().write())
                .failoverDetection(PLATFORM.backups().rto()).build();
        assertThatThrownBy(() -> PLATFORM.toBuilder().database(slow).build())
                .hasMessageContaining("failover detection (PT15M) must leave room within the RTO (PT15M)");
    }

    @Test
    void aBuilderNamesWhatItWasNotGiven() {
        assertThatThrownBy(() -> Autoscaling.builder().minReplicas(1).maxReplicas(2).cpuTargetPercent(70)
                .scaleUp(ScalingStep.percent(50).every(Duration.ofSeconds(15))).build())
                .hasMessage("scale-down step is required");
        assertThatThrownBy(() -> CachePolicy.builder("carts").store(CachePolicy.Store.REDIS).ttl(Duration.ofDays(7))
                .pattern(CachePolicy.Pattern.WRITE_THROUGH).build())
                .hasMessage("carts: invalidation is required");
        assertThatThrownBy(() -> Traffic.builder().profile(LoadProfile.builder("normal").concurrentUsers(1)
                .requestsPerSecond(1).duration(Duration.ofMinutes(1))).build())
                .hasMessage("read share is required");
        assertThatThrownBy(() -> NodePool.builder("app").machineType("e2-standard-4").vcpus(4).memoryGiB(16)
                .maxNodes(3).purpose("apps").build())
                .hasMessage("app: minimum nodes is required");
    }

    @Test
    void refusesACanaryThatNeverReachesAllTrafficOrStepsBack() {
        Canary.Builder halfway = Canary.builder().successMaxErrorRate(0.01).rollbackErrorRate(0.02)
                .rollbackResponseTime(Duration.ofSeconds(5)).step(CanaryStep.weightPercent(50).pause(Duration.ZERO));
        assertThatThrownBy(halfway::build).hasMessageContaining("last step sends all traffic");
        assertThatThrownBy(() -> halfway.step(CanaryStep.weightPercent(25).pause(Duration.ZERO))
                .step(CanaryStep.weightPercent(100).pause(Duration.ZERO)).build())
                .hasMessageContaining("must rise step by step");
    }

    @Test
    void refusesLatencyTargetsOutOfOrder() {
        assertThatThrownBy(() -> QueryLatency.builder().average(Duration.ofMillis(60)).p95(Duration.ofMillis(50))
                .p99(Duration.ofMillis(100)).build())
                .hasMessageContaining("average <= p95 <= p99");
    }

    @Test
    void refusesAnUnpinnedImage() {
        assertThatThrownBy(() -> new Image("redis", "latest")).hasMessageContaining("pinned");
        assertThatThrownBy(() -> Image.parse("redis")).hasMessageContaining("pinned");
        assertThatThrownBy(() -> new Image("redis", "7").withDigest("sha256:abc")).hasMessageContaining("not a sha256");
    }

    @Test
    void anImageWithADigestIsReferencedByIt() {
        String digest = "sha256:" + "ab".repeat(32);
        Image product = PLATFORM.component(Shop.PRODUCT).image().orElseThrow();
        assertThat(product.reference()).isEqualTo("ghcr.io/shop-platform/product-service:" + product.tag());
        assertThat(product.withDigest(digest).reference()).isEqualTo("ghcr.io/shop-platform/product-service@" + digest);
    }

    @Test
    void servicesAreTaggedWithTheBuildsVersionNotAFixedOne() {
        assertThat(PLATFORM.services()).extracting(s -> s.image().orElseThrow().tag())
                .containsOnly(BuildVersion.current())
                .allSatisfy(tag -> assertThat(tag).matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    void memoryIsRequestedAtItsLimit() {
        assertThat(PLATFORM.components()).allSatisfy(c ->
                assertThat(c.resources().memoryRequest()).isEqualTo(c.resources().memoryLimit()));
    }

    @Test
    void seedsThresholdsAreDeclaredOnce() {
        assertThat(PLATFORM.sla().responseTimeP95()).isEqualTo(Duration.ofSeconds(2));
        assertThat(PLATFORM.alerting().criticalErrorRate()).isEqualTo(0.05);
        assertThat(PLATFORM.database().read().p95()).isEqualTo(Duration.ofMillis(50));
        assertThat(PLATFORM.database().write().p99()).isEqualTo(Duration.ofMillis(200));
        assertThat(PLATFORM.pooling().maxBackendConnections()).isEqualTo(200);
        assertThat(PLATFORM.cache("sessions").ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(PLATFORM.canary().steps()).extracting(CanaryStep::weightPercent).containsExactly(10, 25, 50, 100);
    }

    /** Nothing reads these yet: the load-test issue drives the shop with them. Until then they are checked here. */
    @Test
    void theSeedsTrafficTargetsAreThereForTheLoadTests() {
        assertThat(PLATFORM.sla().availability()).isEqualTo(0.999);
        assertThat(PLATFORM.sla().throughputRps()).isEqualTo(10_000);
        assertThat(PLATFORM.traffic().readShare()).isEqualTo(0.75);
        assertThat(PLATFORM.traffic().profiles()).extracting(LoadProfile::name)
                .containsExactly("normal", "flash-sale", "black-friday");
        assertThat(PLATFORM.loadProfile("black-friday").requestsPerSecond()).isEqualTo(25_000);
        assertThat(PLATFORM.loadProfile("flash-sale").requestsPerSecond()).isEqualTo(PLATFORM.sla().throughputRps());
    }
}
