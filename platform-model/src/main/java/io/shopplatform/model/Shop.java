package io.shopplatform.model;

import static io.shopplatform.model.CanaryStep.weightPercent;
import static io.shopplatform.model.ScalingStep.percent;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.shopplatform.model.CachePolicy.Pattern;
import io.shopplatform.model.CachePolicy.Store;
import io.shopplatform.model.Component.Membership;
import io.shopplatform.model.NodePool.Capacity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shop, as the seed (architecture.md) describes it. Every number from the seed is written here once;
 * manifests, infrastructure, the local runner and the services read it from {@link #PLATFORM}.
 */
public final class Shop {

    // Service and data-tier names, for callers that refer to one component.
    public static final String GATEWAY = "gateway", USER = "user", PRODUCT = "product", ORDER = "order",
            PAYMENT = "payment", INVENTORY = "inventory", STOREFRONT = "storefront";
    public static final String POSTGRES = "postgres", PGPOOL = "pgpool", REDIS = "redis", MEMCACHED = "memcached",
            KAFKA = "kafka", SEARCH = "search";
    public static final String INGRESS = "ingress", MONITORING = "monitoring",
            PAYMENT_PROVIDERS = "payment-providers", CLOUD_STORAGE = "cloud-storage", MAIL = "mail",
            PARTITION_MAINTENANCE = "partition-maintenance", DB_BACKUP = "db-backup", DB_MIGRATE = "db-migrate",
            DB_RESTORE = "db-restore";
    /** Node pools. */
    public static final String APP_POOL = "app", PAYMENT_POOL = "payment", DB_POOL = "db", CACHE_POOL = "cache";
    /** Every service of ours listens for API traffic on one port and for probes and scrapes on another. */
    public static final Port HTTP = new Port("http", 8080), MANAGEMENT = new Port("management", 8081);
    /** How the platform reaches services outside the cluster. */
    public static final Port HTTPS = new Port("https", 443);
    /** Mail submission (RFC 6409, STARTTLS): how the shop hands mail to its relay. */
    public static final Port SMTP = new Port("smtp", 587);
    /**
     * The mail relay in the cluster: Google Workspace's SMTP relay, which sits beside a GCP project; its login is the
     * stack's {@code shop-platform:mailCredentials}. Locally the runner's own mail server takes its place.
     */
    public static final String MAIL_RELAY_HOST = "smtp-relay.gmail.com";
    /**
     * The payment providers, primary first, and their API origins in a cluster; each one's API key is the stack's
     * {@code shop-platform:paymentCredentials}. Locally the runner's simulators take their place.
     */
    public static final List<PaymentProvider> PAYMENT_PROVIDERS_IN_ORDER = List.of(
            new PaymentProvider("stripe", "https://api.stripe.com", "/v1/charges", "Idempotency-Key"),
            new PaymentProvider("paypal", "https://api-m.paypal.com", "/v2/authorizations", "PayPal-Request-Id"));
    /**
     * Services that call other services' protected endpoints in their own name (not a shopper's): each gets a client
     * secret, with which the user service issues it tokens carrying the role {@code <NAME>_SERVICE}.
     */
    public static final List<String> SERVICE_CLIENTS = List.of(ORDER);
    /** How often the user service starts signing with a new key; the previous key verifies until its tokens expire. */
    public static final Duration SIGNING_KEY_ROTATION = ofHours(24);

    /** Where CI pushes the services' images; private, so pods pull them with a credential (infra creates it). */
    public static final String REGISTRY = "ghcr.io/shop-platform";
    /** Services are tagged with the build's version; CI pins each to the digest it pushed (manifests-synth). */
    private static final String SERVICE_IMAGE_TAG = BuildVersion.current();
    /** PostgreSQL, PgPool-II and pgBackRest: members, PgPools and the database's jobs run the same binaries. */
    private static final String DATA_TIER_IMAGE = ServerVersions.DATA_TIER_IMAGE;
    private static final Resources SERVICE_SIZE = Resources.builder()
            .cpuRequestMillis(250).cpuLimitMillis(2000).memoryMi(1024).build();
    private static final Resources JOB_SIZE = Resources.builder()
            .cpuRequestMillis(100).cpuLimitMillis(500).memoryMi(256).build();
    /** A JVM (db-migrate) or a restore's recovery. */
    private static final Resources TASK_SIZE = Resources.builder()
            .cpuRequestMillis(100).cpuLimitMillis(1000).memoryMi(512).build();

    /** What a person browses on a local shop ({@code ./platform up}, the e2e shop): readable, paged, searched in seconds. */
    public static final CatalogSize DEMO_CATALOG = CatalogSize.products(300).inCategories(20);
    /** The large catalog the load tests browse ({@code ./platform seed}): popularity spread as a real shop's is. */
    public static final CatalogSize LOAD_CATALOG = CatalogSize.products(100_000).inCategories(500);

    public static final BackupPolicy BACKUPS = BackupPolicy.builder()
            .fullBackupCron("0 2 * * *")
            .incrementalEvery(ofHours(6))
            .pointInTimeWindow(ofDays(7))
            .rto(ofMinutes(15))
            .rpo(ofHours(1))
            .compressAfterDays(7)
            .coldStorageAfterDays(90)
            .deleteLogsAfterDays(30)
            .build();

    public static final Platform PLATFORM = Platform.builder()
            .zones(3)
            .minNodes(6)
            .maxNodes(20)
            .nodePools(
                    NodePool.builder(APP_POOL).purpose("the services and PgPool")
                            .machineType("e2-standard-4").vcpus(4).memoryGiB(16).bootDisk(BootDisk.balancedGb(50))
                            .minNodes(2).maxNodes(12).capacity(Capacity.SPOT_ALLOWED).build(),
                    // The seed asks for memory encryption on payment's nodes: the e2 shape on AMD (SEV), confidential.
                    NodePool.builder(PAYMENT_POOL).purpose("payment only (PCI isolation, encrypted memory)")
                            .machineType("n2d-standard-4").vcpus(4).memoryGiB(16).bootDisk(BootDisk.balancedGb(50))
                            .confidential().minNodes(0).maxNodes(2).dedicatedTo("payment").build(),
                    NodePool.builder(DB_POOL).purpose("PostgreSQL, Kafka, search")
                            .machineType("c2-standard-8").vcpus(8).memoryGiB(32).bootDisk(BootDisk.balancedGb(50))
                            .minNodes(3).maxNodes(3).dedicatedTo("database").build(),
                    // Memory-only servers: the boot disk holds little more than two images.
                    NodePool.builder(CACHE_POOL).purpose("Redis and memcached")
                            .machineType("n2-highmem-2").vcpus(2).memoryGiB(16).bootDisk(BootDisk.balancedGb(30))
                            .minNodes(1).maxNodes(3).build())
            .components(
                    external(INGRESS, "the load balancer in front of the gateway"),
                    external(MONITORING, "Prometheus, scraping every component's metrics"),
                    external(PAYMENT_PROVIDERS, "Stripe and PayPal, on the internet", HTTPS),
                    external(CLOUD_STORAGE, "the backup bucket (Google Cloud Storage)", HTTPS),
                    external(MAIL, "the SMTP relay shop mail leaves through", SMTP),
                    service(GATEWAY, "routes /api/v1 to the services, validates JWTs, rate limits", APP_POOL,
                            Autoscaling.builder().minReplicas(3).maxReplicas(20).cpuTargetPercent(70)
                                    .scaleUp(percent(100).every(ofSeconds(15)))
                                    .scaleDown(percent(10).every(ofSeconds(300)))
                                    .customMetric(CustomMetric.above("requests_per_second", 1000))),
                    service(USER, "authentication (JWT), profiles, sessions in Redis", APP_POOL,
                            Autoscaling.builder().minReplicas(3).maxReplicas(10).cpuTargetPercent(70)
                                    .scaleUp(percent(100).every(ofSeconds(15)))
                                    .scaleDown(percent(10).every(ofSeconds(300)))),
                    service(PRODUCT, "catalog, categories, search, recommendations", APP_POOL,
                            Autoscaling.builder().minReplicas(5).maxReplicas(20).cpuTargetPercent(65)
                                    .memoryTargetPercent(75)
                                    .scaleUp(percent(50).every(ofSeconds(15)))
                                    .scaleDown(percent(10).every(ofSeconds(60)))
                                    .customMetric(CustomMetric.below("cache_hit_ratio", 0.85)
                                            // A new pod's own L1 is cold: it must not ask for more pods like itself.
                                            .ignoringPodsYoungerThan(ofMinutes(5)))),
                    service(ORDER, "carts, orders, the checkout saga", APP_POOL,
                            Autoscaling.builder().minReplicas(3).maxReplicas(15).cpuTargetPercent(70)
                                    .memoryTargetPercent(80)
                                    .scaleUp(percent(100).every(ofSeconds(15)))
                                    .scaleDown(percent(10).every(ofSeconds(300)))
                                    .customMetric(CustomMetric.above("order_queue_depth", 100))),
                    service(PAYMENT, "payments over Stripe/PayPal with fallback, refunds", PAYMENT_POOL,
                            Autoscaling.builder().minReplicas(2).maxReplicas(8).cpuTargetPercent(60)
                                    .memoryTargetPercent(70)
                                    .scaleUp(percent(25).every(ofSeconds(30)))
                                    .scaleDown(percent(5).every(ofSeconds(600))),
                            // Payments in flight must not be preempted by catalogue pods scaling out.
                            Priority.CRITICAL),
                    service(INVENTORY, "stock, reservations, the stock ledger", APP_POOL,
                            Autoscaling.builder().minReplicas(4).maxReplicas(12).cpuTargetPercent(70)
                                    .scaleUp(percent(100).every(ofSeconds(15)))
                                    .scaleDown(percent(10).every(ofSeconds(300)))),
                    // Last of the services, so the runner's ports of the others stay where they were.
                    // Its fingerprinted assets and product images are the seed's L4 cache: served through the CDN.
                    serviceBuilder(STOREFRONT, "the shop's web pages (server-rendered), on the gateway's API", APP_POOL,
                            Autoscaling.builder().minReplicas(3).maxReplicas(15).cpuTargetPercent(70)
                                    .scaleUp(percent(100).every(ofSeconds(15)))
                                    .scaleDown(percent(10).every(ofSeconds(300))), Priority.SERVING)
                            .edgeCache(EdgeCache.CDN).build(),
                    Component.builder(POSTGRES, Kind.DATABASE)
                            .purpose("PostgreSQL " + ServerVersions.POSTGRESQL_MAJOR
                                    + ": one primary, streaming standbys (synchronous quorum), WAL archived by pgBackRest")
                            .image(DATA_TIER_IMAGE).replicas(4).nodePool(DB_POOL).membership(Membership.CLUSTERED)
                            // Guaranteed QoS (limits = requests): the last pod the kubelet evicts under pressure.
                            .resources(Resources.builder().guaranteedCpuMillis(2000).memoryMi(8192).build())
                            .ports(new Port("postgres", 5432), new Port("metrics", 9187), new Port("backup", 8432))
                            .build(),
                    Component.builder(PGPOOL, Kind.POOLER)
                            .purpose("PgPool-II: pooling, read/write split, health checks, failover agreed by a watchdog of three")
                            .image(DATA_TIER_IMAGE).replicas(3).nodePool(APP_POOL).membership(Membership.CLUSTERED)
                            .resources(Resources.builder()
                                    .cpuRequestMillis(500).cpuLimitMillis(2000).memoryMi(512).build())
                            .ports(new Port("postgres", 5432), new Port("pcp", 9898), new Port("metrics", 9719),
                                    new Port("watchdog", 9000), Port.udp("heartbeat", 9694))
                            .build(),
                    Component.builder(REDIS, Kind.CACHE)
                            .purpose("Redis Cluster: sessions, carts, search results, popular products")
                            .image(ServerVersions.REDIS_IMAGE).replicas(6).nodePool(CACHE_POOL).membership(Membership.CLUSTERED)
                            .resources(Resources.builder()
                                    .cpuRequestMillis(250).cpuLimitMillis(1000).memoryMi(2048).build())
                            .ports(new Port("redis", 6379), new Port("bus", 16379), new Port("metrics", 9121))
                            .build(),
                    Component.builder(MEMCACHED, Kind.CACHE)
                            .purpose("memcached: product catalog and categories (LRU)")
                            .image(ServerVersions.MEMCACHED_IMAGE).replicas(3).nodePool(CACHE_POOL)
                            .resources(Resources.builder()
                                    .cpuRequestMillis(250).cpuLimitMillis(1000).memoryMi(1024).build())
                            // No exporter: memcached_exporter speaks the ASCII protocol, which SASL (-S) turns off;
                            // the services count hits and misses per layer themselves (shop_cache_gets_total).
                            .ports(new Port("memcached", 11211))
                            .build(),
                    Component.builder(KAFKA, Kind.BROKER)
                            .purpose("Kafka (KRaft): domain events from every service's outbox")
                            .image(ServerVersions.KAFKA_IMAGE).replicas(3).nodePool(DB_POOL).membership(Membership.CLUSTERED)
                            .resources(Resources.builder()
                                    .cpuRequestMillis(1000).cpuLimitMillis(2000).memoryMi(2048).build())
                            .ports(new Port("kafka", 9092), new Port("controller", 9093))
                            .build(),
                    Component.builder(SEARCH, Kind.SEARCH)
                            .purpose("OpenSearch: full-text product search")
                            .image(ServerVersions.OPENSEARCH_IMAGE).replicas(3).nodePool(DB_POOL)
                            .membership(Membership.CLUSTERED)
                            .resources(Resources.builder()
                                    .cpuRequestMillis(1000).cpuLimitMillis(2000).memoryMi(2048).build())
                            .ports(new Port("http", 9200), new Port("transport", 9300))
                            .build(),
                    job(PARTITION_MAINTENANCE, "creates the coming months' order partitions", "0 3 * * *"),
                    job(DB_BACKUP, "full and incremental pgBackRest backups to the backup bucket", BACKUPS.fullBackupCron()),
                    task(DB_MIGRATE, "applies db-schema's migrations and sets the service roles' passwords, before the services start",
                            new Image(REGISTRY + "/db-migrate", SERVICE_IMAGE_TAG)),
                    task(DB_RESTORE, "restores the database from the backup bucket to a point in time, when an operator starts it",
                            Image.parse(DATA_TIER_IMAGE)))
            .edges(edges())
            .pooling(ConnectionPooling.builder().children(50).connectionsPerChild(4).synchronousQuorum("ANY 1")
                    .reservedClientSlots(5).reservedBackendConnections(20).largestServicePool(10).build())
            .applicationCacheMi(256)
            .caches(
                    CachePolicy.builder("sessions").store(Store.REDIS).ttl(ofHours(24))
                            .pattern(Pattern.WRITE_THROUGH).invalidatedBy("logout or password change").build(),
                    CachePolicy.builder("product-catalog").store(Store.MEMCACHED).ttl(ofHours(1))
                            .pattern(Pattern.CACHE_ASIDE).invalidatedBy("an event on every product update").build(),
                    CachePolicy.builder("carts").store(Store.REDIS).ttl(ofDays(7))
                            .pattern(Pattern.WRITE_THROUGH).invalidatedBy("nothing: backed by the database").build(),
                    CachePolicy.builder("search-results").store(Store.REDIS).ttl(ofMinutes(15))
                            .pattern(Pattern.CACHE_ASIDE).invalidatedBy("time only").build(),
                    CachePolicy.builder("popular-products").store(Store.REDIS_AND_APPLICATION).ttl(ofMinutes(30))
                            .pattern(Pattern.CACHE_ASIDE).invalidatedBy("a background refresh").build(),
                    // Not in the seed's table: its "user preferences" in Redis. Shared by every user-service
                    // instance (no L1), overwritten by the writer, so an owner reads their own update at once.
                    CachePolicy.builder("user-profiles").store(Store.REDIS).ttl(ofMinutes(30))
                            .pattern(Pattern.CACHE_ASIDE).invalidatedBy("overwritten on update").build())
            .sla(Sla.builder()
                    .responseTimeP95(ofSeconds(2))
                    .availability(0.999)
                    .throughputRps(10_000)
                    .databaseQueryTime(ofMillis(100))
                    .build())
            .alerting(Alerting.builder()
                    .criticalErrorRate(0.05)
                    .criticalResponseTime(ofSeconds(5))
                    .warningCpuMemoryPercent(80)
                    .warningCacheHitRatio(0.80)
                    .warningDiskPercent(85)
                    .build())
            .database(DatabaseTargets.builder()
                    .read(QueryLatency.builder().average(ofMillis(25)).p95(ofMillis(50)).p99(ofMillis(100)).build())
                    .write(QueryLatency.builder().average(ofMillis(45)).p95(ofMillis(100)).p99(ofMillis(200)).build())
                    .failoverDetection(ofSeconds(30))
                    .build())
            .canary(Canary.builder()
                    .step(weightPercent(10).pause(ofMinutes(5)))
                    .step(weightPercent(25).pause(ofMinutes(10)))
                    .step(weightPercent(50).pause(ofMinutes(15)))
                    .step(weightPercent(100).pause(Duration.ZERO))
                    .successMaxErrorRate(0.01)
                    .rollbackErrorRate(0.02)
                    .rollbackResponseTime(ofSeconds(5))
                    .build())
            .backups(BACKUPS)
            .traffic(Traffic.builder()
                    .readShare(0.75)
                    .profile(LoadProfile.builder("normal").concurrentUsers(2_000).requestsPerSecond(1_000)
                            .duration(ofMinutes(30)))
                    .profile(LoadProfile.builder("flash-sale").concurrentUsers(20_000).requestsPerSecond(10_000)
                            .duration(ofMinutes(60)))
                    .profile(LoadProfile.builder("black-friday").concurrentUsers(50_000).requestsPerSecond(25_000)
                            .duration(ofHours(4)))
                    .build())
            // GKE's container-native load balancing and kube-proxy stop routing to a terminating pod within about
            // 15 s; Spring then has 20 s to finish in-flight requests (the seed's 2 s p95 with a wide margin).
            .termination(Termination.builder()
                    .loadBalancerDeregistration(ofSeconds(15))
                    .preStopPause(ofSeconds(20))
                    .shutdownTimeout(ofSeconds(20))
                    .gracePeriod(ofSeconds(50))
                    .build())
            .build();

    /** What shoppers reach through the gateway: path patterns per service, one route per gateway edge. */
    public static final PublicApi PUBLIC_API = PublicApi.of(PLATFORM, "/api/v1", Map.of(
            USER, List.of("/api/v1/auth/**", "/api/v1/users/**"),
            PRODUCT, List.of("/api/v1/products/**", "/api/v1/categories/**", "/api/v1/search/**",
                    "/api/v1/recommendations/**"),
            ORDER, List.of("/api/v1/cart/**", "/api/v1/orders/**"),
            PAYMENT, List.of("/api/v1/payments/**"),
            INVENTORY, List.of("/api/v1/inventory/**")));

    /** Who may talk to whom: the seed's micro-segmentation. Anything not listed is denied. */
    private static List<Edge> edges() {
        List<String> services = List.of(GATEWAY, USER, PRODUCT, ORDER, PAYMENT, INVENTORY);
        List<String> backends = services.subList(1, services.size());
        List<Edge> e = new ArrayList<>();
        e.add(new Edge(INGRESS, GATEWAY, "http"));
        // Shoppers' browsers load pages from the storefront, which calls the API as any client does.
        e.add(new Edge(INGRESS, STOREFRONT, "http"));
        e.add(new Edge(STOREFRONT, GATEWAY, "http"));
        backends.forEach(s -> e.add(new Edge(GATEWAY, s, "http")));
        e.add(new Edge(ORDER, INVENTORY, "http"));               // reserve stock (saga step)
        e.add(new Edge(ORDER, PAYMENT, "http"));                 // authorize payment (saga step)
        e.add(new Edge(ORDER, PRODUCT, "http"));                 // the price and name a cart line snapshots
        backends.forEach(s -> e.add(new Edge(s, PGPOOL, "postgres")));
        backends.forEach(s -> e.add(new Edge(s, KAFKA, "kafka")));
        List.of(USER, PRODUCT, ORDER).forEach(s -> e.add(new Edge(s, REDIS, "redis")));
        e.add(new Edge(GATEWAY, REDIS, "redis"));                // rate limits
        e.add(new Edge(PRODUCT, MEMCACHED, "memcached"));
        e.add(new Edge(PRODUCT, SEARCH, "http"));
        // Zero trust: every service validates tokens again, against the user service's JWKS.
        backends.stream().filter(s -> !s.equals(USER)).forEach(s -> e.add(new Edge(s, USER, "http")));
        e.add(new Edge(USER, MAIL, "smtp"));                     // password resets (sent from the outbox)
        e.add(new Edge(PGPOOL, POSTGRES, "postgres"));
        e.add(new Edge(POSTGRES, POSTGRES, "postgres"));         // streaming replication
        e.add(new Edge(REDIS, REDIS, "redis"));
        e.add(new Edge(REDIS, REDIS, "bus"));
        e.add(new Edge(KAFKA, KAFKA, "kafka"));
        e.add(new Edge(KAFKA, KAFKA, "controller"));
        e.add(new Edge(SEARCH, SEARCH, "transport"));
        e.add(new Edge(PGPOOL, PGPOOL, "watchdog"));             // the watchdog agrees on failovers
        e.add(new Edge(PGPOOL, PGPOOL, "heartbeat"));
        e.add(new Edge(PARTITION_MAINTENANCE, PGPOOL, "postgres"));
        e.add(new Edge(DB_MIGRATE, POSTGRES, "postgres"));        // straight to the primary (targetServerType)
        e.add(new Edge(DB_BACKUP, POSTGRES, "backup"));           // pgBackRest's TLS server beside each member
        e.add(new Edge(POSTGRES, CLOUD_STORAGE, "https"));       // WAL archiving (pgBackRest archive-push)
        e.add(new Edge(DB_RESTORE, CLOUD_STORAGE, "https"));
        e.add(new Edge(PAYMENT, PAYMENT_PROVIDERS, "https"));    // authorize, capture, refund
        e.add(new Edge(DB_BACKUP, CLOUD_STORAGE, "https"));      // backups into the pgBackRest repository
        services.forEach(s -> e.add(new Edge(MONITORING, s, "management")));
        e.add(new Edge(MONITORING, STOREFRONT, "management"));
        List.of(POSTGRES, PGPOOL, REDIS).forEach(s -> e.add(new Edge(MONITORING, s, "metrics")));
        return e;
    }

    private static Component service(String name, String purpose, String pool, Autoscaling.Builder scaling) {
        return service(name, purpose, pool, scaling, Priority.SERVING);
    }

    private static Component service(String name, String purpose, String pool, Autoscaling.Builder scaling,
                                     Priority priority) {
        return serviceBuilder(name, purpose, pool, scaling, priority).build();
    }

    private static Component.Builder serviceBuilder(String name, String purpose, String pool,
                                                    Autoscaling.Builder scaling, Priority priority) {
        return Component.builder(name, Kind.SERVICE)
                .purpose(purpose)
                .priority(priority)
                .image(new Image(REGISTRY + "/" + name + "-service", SERVICE_IMAGE_TAG))
                .ports(HTTP, MANAGEMENT)
                .resources(SERVICE_SIZE)
                .autoscaling(scaling.build())
                .nodePool(pool);
    }

    /** @param ports where it listens, for parties the platform calls; none for parties that only call in */
    private static Component external(String name, String purpose, Port... ports) {
        return Component.builder(name, Kind.EXTERNAL).purpose(purpose).ports(ports).build();
    }

    private static Component job(String name, String purpose, String schedule) {
        return Component.builder(name, Kind.JOB)
                .purpose(purpose)
                .image(DATA_TIER_IMAGE)
                .resources(JOB_SIZE)
                .nodePool(APP_POOL)
                .schedule(schedule)
                .build();
    }

    private static Component task(String name, String purpose, Image image) {
        return Component.builder(name, Kind.TASK)
                .purpose(purpose)
                .image(image)
                .resources(TASK_SIZE)
                .nodePool(APP_POOL)
                .build();
    }

    private Shop() {}
}
