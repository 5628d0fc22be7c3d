package io.shopplatform.model;

import static io.shopplatform.model.ScalingStep.of;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.shopplatform.model.CachePolicy.Pattern;
import io.shopplatform.model.CachePolicy.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shop, as the seed (architecture.md) describes it. Every number from the seed is written here once;
 * manifests, infrastructure, the local runner, load tests and docs read it from {@link #PLATFORM}.
 */
public final class Shop {

    // Service and data-tier names, for callers that refer to one component.
    public static final String GATEWAY = "gateway", USER = "user", PRODUCT = "product", ORDER = "order",
            PAYMENT = "payment", INVENTORY = "inventory";
    public static final String POSTGRES = "postgres", PGPOOL = "pgpool", REDIS = "redis", MEMCACHED = "memcached",
            KAFKA = "kafka", SEARCH = "search";
    public static final String INGRESS = "ingress", MONITORING = "monitoring",
            PAYMENT_PROVIDERS = "payment-providers", CLOUD_STORAGE = "cloud-storage",
            PARTITION_MAINTENANCE = "partition-maintenance", DB_BACKUP = "db-backup";
    /** Node pools. */
    public static final String APP_POOL = "app", PAYMENT_POOL = "payment", DB_POOL = "db", CACHE_POOL = "cache";
    /** Every service of ours listens for API traffic on one port and for probes and scrapes on another. */
    public static final Port HTTP = new Port("http", 8080), MANAGEMENT = new Port("management", 8081);
    /** How the platform reaches services outside the cluster. */
    public static final Port HTTPS = new Port("https", 443);

    /** Where CI pushes the services' images; private, so pods pull them with a credential (infra creates it). */
    public static final String REGISTRY = "ghcr.io/shop-platform";
    private static final String SERVICE_IMAGE_TAG = "0.1.0";
    private static final Resources SERVICE_SIZE = new Resources(250, 1024, 2000, 1024);

    public static final BackupPolicy BACKUPS = new BackupPolicy(
            "0 2 * * *", ofHours(6), Duration.ofDays(7), ofMinutes(15), ofHours(1), 7, 90, 30);

    public static final Platform PLATFORM = new Platform(
            3, 6, 20,
            List.of(
                    pool(APP_POOL, "e2-standard-4", 4, 16, 2, 12, null, true, BootDisk.balanced(50), false,
                            "the services and PgPool"),
                    // The seed asks for memory encryption on payment's nodes: the e2 shape on AMD (SEV), confidential.
                    pool(PAYMENT_POOL, "n2d-standard-4", 4, 16, 0, 2, "payment", false, BootDisk.balanced(50), true,
                            "payment only (PCI isolation, encrypted memory)"),
                    pool(DB_POOL, "c2-standard-8", 8, 32, 3, 3, "database", false, BootDisk.balanced(50), false,
                            "PostgreSQL, Kafka, search"),
                    // Memory-only servers: the boot disk holds little more than two images.
                    pool(CACHE_POOL, "n2-highmem-2", 2, 16, 1, 3, null, false, BootDisk.balanced(30), false,
                            "Redis and memcached")),
            List.of(
                    external(INGRESS, "the load balancer in front of the gateway"),
                    external(MONITORING, "Prometheus, scraping every component's metrics"),
                    external(PAYMENT_PROVIDERS, "Stripe and PayPal, on the internet", HTTPS),
                    external(CLOUD_STORAGE, "the backup bucket (Google Cloud Storage)", HTTPS),
                    service(GATEWAY, "routes /api/v1 to the services, validates JWTs, rate limits", APP_POOL,
                            auto(3, 20, 70, null, of(100, 15), of(10, 300), CustomMetric.above("requests_per_second", 1000))),
                    service(USER, "authentication (JWT), profiles, sessions in Redis", APP_POOL,
                            auto(3, 10, 70, null, of(100, 15), of(10, 300), null)),
                    service(PRODUCT, "catalog, categories, search, recommendations", APP_POOL,
                            auto(5, 20, 65, 75, of(50, 15), of(10, 60), CustomMetric.below("cache_hit_ratio", 0.85))),
                    service(ORDER, "carts, orders, the checkout saga", APP_POOL,
                            auto(3, 15, 70, 80, of(100, 15), of(10, 300), CustomMetric.above("order_queue_depth", 100))),
                    service(PAYMENT, "payments over Stripe/PayPal with fallback, refunds", PAYMENT_POOL,
                            auto(2, 8, 60, 70, of(25, 30), of(5, 600), null)),
                    service(INVENTORY, "stock, reservations, the stock ledger", APP_POOL,
                            auto(4, 12, 70, null, of(100, 15), of(10, 300), null)),
                    data(POSTGRES, "PostgreSQL 15: one primary, streaming replicas (synchronous quorum)", Kind.DATABASE, "postgres:15.14-bookworm", 4, DB_POOL, true,
                            new Resources(2000, 8192, 4000, 8192), new Port("postgres", 5432), new Port("metrics", 9187)),
                    data(PGPOOL, "PgPool-II: pooling, read/write split, health checks, failover", Kind.POOLER, "pgpool/pgpool:4.4.3", 2, APP_POOL, false,
                            new Resources(500, 512, 2000, 512), new Port("postgres", 5432), new Port("pcp", 9898),
                            new Port("metrics", 9719)),
                    data(REDIS, "Redis Cluster: sessions, carts, search results, popular products", Kind.CACHE, "redis:7.0.15", 6, CACHE_POOL, true,
                            new Resources(250, 2048, 1000, 2048), new Port("redis", 6379), new Port("bus", 16379),
                            new Port("metrics", 9121)),
                    data(MEMCACHED, "memcached: product catalog and categories (LRU)", Kind.CACHE, "memcached:1.6.38", 3, CACHE_POOL, false,
                            new Resources(250, 1024, 1000, 1024), new Port("memcached", 11211), new Port("metrics", 9150)),
                    data(KAFKA, "Kafka (KRaft): domain events from every service's outbox", Kind.BROKER, "apache/kafka:4.1.1", 3, DB_POOL, true,
                            new Resources(1000, 2048, 2000, 2048), new Port("kafka", 9092), new Port("controller", 9093)),
                    data(SEARCH, "OpenSearch: full-text product search", Kind.SEARCH, "opensearchproject/opensearch:2.19.1", 3, DB_POOL, true,
                            new Resources(1000, 2048, 2000, 2048), new Port("http", 9200), new Port("transport", 9300)),
                    job(PARTITION_MAINTENANCE, "creates the coming months' order partitions", "postgres:15.14-bookworm",
                            "0 3 * * *"),
                    job(DB_BACKUP, "daily full base backup to the backup bucket", "postgres:15.14-bookworm",
                            BACKUPS.fullBackupCron())),
            edges(),
            new ConnectionPooling(50, 4, 3, "ANY 1"),
            256,
            List.of(
                    new CachePolicy("sessions", Store.REDIS, ofHours(24), Pattern.WRITE_THROUGH, "on logout or password change"),
                    new CachePolicy("product-catalog", Store.MEMCACHED, ofHours(1), Pattern.CACHE_ASIDE, "event-driven on product updates"),
                    new CachePolicy("carts", Store.REDIS, Duration.ofDays(7), Pattern.WRITE_THROUGH, "backed by the database"),
                    new CachePolicy("search-results", Store.REDIS, ofMinutes(15), Pattern.CACHE_ASIDE, "time-based"),
                    new CachePolicy("popular-products", Store.REDIS_AND_APPLICATION, ofMinutes(30), Pattern.CACHE_ASIDE, "background refresh")),
            new Thresholds(ofSeconds(2), 0.999, 10_000, ofMillis(100),
                    0.05, ofSeconds(5), 80, 0.80, 85,
                    ofMillis(25), ofMillis(50), ofMillis(100),
                    ofMillis(45), ofMillis(100), ofMillis(200),
                    ofSeconds(30)),
            new Canary(List.of(new CanaryStep(10, ofMinutes(5)), new CanaryStep(25, ofMinutes(10)),
                    new CanaryStep(50, ofMinutes(15)), new CanaryStep(100, Duration.ZERO)),
                    0.01, ofSeconds(2), 0.02, ofSeconds(5)),
            BACKUPS,
            List.of(
                    new LoadProfile("normal", 2_000, 1_000, ofMinutes(30), 0.75),
                    new LoadProfile("flash-sale", 20_000, 10_000, ofMinutes(60), 0.75),
                    new LoadProfile("black-friday", 50_000, 25_000, ofHours(4), 0.75)));

    /** Who may talk to whom: the seed's micro-segmentation. Anything not listed is denied. */
    private static List<Edge> edges() {
        List<String> services = List.of(GATEWAY, USER, PRODUCT, ORDER, PAYMENT, INVENTORY);
        List<String> backends = services.subList(1, services.size());
        List<Edge> e = new ArrayList<>();
        e.add(new Edge(INGRESS, GATEWAY, "http"));
        backends.forEach(s -> e.add(new Edge(GATEWAY, s, "http")));
        e.add(new Edge(ORDER, INVENTORY, "http"));               // reserve stock (saga step)
        e.add(new Edge(ORDER, PAYMENT, "http"));                 // authorize payment (saga step)
        backends.forEach(s -> e.add(new Edge(s, PGPOOL, "postgres")));
        backends.forEach(s -> e.add(new Edge(s, KAFKA, "kafka")));
        List.of(USER, PRODUCT, ORDER).forEach(s -> e.add(new Edge(s, REDIS, "redis")));
        e.add(new Edge(GATEWAY, REDIS, "redis"));                // rate limits
        e.add(new Edge(PRODUCT, MEMCACHED, "memcached"));
        e.add(new Edge(PRODUCT, SEARCH, "http"));
        e.add(new Edge(PRODUCT, USER, "http"));                  // the user service's JWKS: validate admin tokens
        e.add(new Edge(PGPOOL, POSTGRES, "postgres"));
        e.add(new Edge(POSTGRES, POSTGRES, "postgres"));         // streaming replication
        e.add(new Edge(REDIS, REDIS, "redis"));
        e.add(new Edge(REDIS, REDIS, "bus"));
        e.add(new Edge(KAFKA, KAFKA, "kafka"));
        e.add(new Edge(KAFKA, KAFKA, "controller"));
        e.add(new Edge(SEARCH, SEARCH, "transport"));
        e.add(new Edge(PARTITION_MAINTENANCE, PGPOOL, "postgres"));
        e.add(new Edge(DB_BACKUP, POSTGRES, "postgres"));
        e.add(new Edge(PAYMENT, PAYMENT_PROVIDERS, "https"));    // authorize, capture, refund
        e.add(new Edge(DB_BACKUP, CLOUD_STORAGE, "https"));      // upload base backups and WAL
        services.forEach(s -> e.add(new Edge(MONITORING, s, "management")));
        List.of(POSTGRES, PGPOOL, REDIS, MEMCACHED).forEach(s -> e.add(new Edge(MONITORING, s, "metrics")));
        return e;
    }

    private static NodePool pool(String name, String machine, int vcpus, int gib, int min, int max, String taint,
                                 boolean spot, BootDisk disk, boolean confidential, String purpose) {
        return new NodePool(name, machine, vcpus, gib, min, max,
                Optional.ofNullable(taint).map(t -> new Taint("dedicated", t)), spot, disk, confidential, purpose);
    }

    private static Autoscaling auto(int min, int max, int cpu, Integer memory, ScalingStep up, ScalingStep down,
                                    CustomMetric custom) {
        return new Autoscaling(min, max, cpu, Optional.ofNullable(memory), up, down, Optional.ofNullable(custom));
    }

    private static Component service(String name, String purpose, String pool, Autoscaling scaling) {
        return new Component(name, Kind.SERVICE, purpose,
                Optional.of(new Image(REGISTRY + "/" + name + "-service", SERVICE_IMAGE_TAG)),
                List.of(HTTP, MANAGEMENT), scaling.minReplicas(), SERVICE_SIZE, Optional.of(scaling),
                Optional.of(pool), false, Optional.empty());
    }

    /** @param ports where it listens, for parties the platform calls; none for parties that only call in */
    private static Component external(String name, String purpose, Port... ports) {
        return new Component(name, Kind.EXTERNAL, purpose, Optional.empty(), List.of(ports), 0, Resources.NOT_DEPLOYED,
                Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    private static Component data(String name, String purpose, Kind kind, String image, int replicas, String pool, boolean peers,
                                  Resources size, Port... ports) {
        int colon = image.lastIndexOf(':');
        return new Component(name, kind, purpose,
                Optional.of(new Image(image.substring(0, colon), image.substring(colon + 1))),
                List.of(ports), replicas, size, Optional.empty(), Optional.of(pool), peers, Optional.empty());
    }

    private static Component job(String name, String purpose, String image, String schedule) {
        int colon = image.lastIndexOf(':');
        return new Component(name, Kind.JOB, purpose,
                Optional.of(new Image(image.substring(0, colon), image.substring(colon + 1))), List.of(), 1,
                new Resources(100, 256, 500, 256), Optional.empty(), Optional.of(APP_POOL), false,
                Optional.of(schedule));
    }

    private Shop() {}
}
