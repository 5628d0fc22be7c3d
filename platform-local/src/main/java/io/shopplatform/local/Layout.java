package io.shopplatform.local;

import io.shopplatform.datatier.Sizing;
import io.shopplatform.model.Shop;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where one local platform keeps its files and which loopback ports it uses. Everything is derived from a home
 * folder and a base port, so a second platform (a test's throwaway cluster) never collides with the developer's.
 * How many PostgreSQL members and PgPools run is the development environment's sizing (three of each).
 */
public record Layout(Path repo, Path home, int basePort) {

    public static final int DEFAULT_BASE_PORT = 15400;
    /** A throwaway platform (a test's own cluster) sits this far above the developer's base port. */
    public static final int THROWAWAY_OFFSET = 1000;

    private static final Sizing SIZING = Sizing.onThisMachine(Shop.PLATFORM);
    private static final String NODE_PREFIX = "pg";

    /** The base port of this checkout: {@code SHOP_PLATFORM_BASE_PORT}, or {@link #DEFAULT_BASE_PORT}. */
    public static int configuredBasePort() {
        return Integer.parseInt(System.getenv().getOrDefault("SHOP_PLATFORM_BASE_PORT",
                Integer.toString(DEFAULT_BASE_PORT)));
    }

    public Path logs() { return home.resolve("logs"); }
    public Path run() { return home.resolve("run"); }
    /** A process's own scratch folder (its TMPDIR, as /tmp is a pod's). */
    public Path run(String process) { return run().resolve(process); }
    public Path data() { return home.resolve("data"); }
    public Path secrets() { return home.resolve("secrets"); }
    /** What one component's processes read from {@code SECRETS_DIR} (a Secret mounted in the cluster). */
    public Path secrets(String component) { return secrets().resolve(component); }
    /** The rendered files of one data-tier component (a ConfigMap mounted at /config in the cluster). */
    public Path config(String component) { return home.resolve("config").resolve(component); }
    /** The backup repository: a folder standing in for the cluster's bucket. */
    public Path backups() { return home.resolve("backups"); }
    public Path env() { return home.resolve("env"); }
    public Path dist() { return home.resolve("dist"); }
    public Path tierFile() { return home.resolve("tier.properties"); }

    /** PostgreSQL members by name; pg0 initialises a new cluster. */
    public List<String> postgresNodes() {
        return IntStream.range(0, SIZING.members()).mapToObj(Layout::postgresNode).toList();
    }

    /** A member's name from its index, which is also its node id in PgPool's configuration. */
    public static String postgresNode(int index) {
        return NODE_PREFIX + index;
    }

    /** A member's name from PgPool's {@code node_id} (as {@code SHOW pool_nodes} gives it). */
    public static String postgresNode(String nodeId) {
        return postgresNode(Integer.parseInt(nodeId));
    }

    public Path pgData(String node) { return data().resolve(node); }

    /** PgPool instances by index. */
    public List<Integer> pgpools() {
        return IntStream.range(0, SIZING.poolers()).boxed().toList();
    }

    public int pgpoolPort(int i) { return basePort + i; }
    public int pcpPort(int i) { return basePort + 3 + i; }
    public int watchdogPort(int i) { return basePort + 6 + i; }
    /** UDP: PgPool's watchdog heartbeats. */
    public int heartbeatPort(int i) { return basePort + 50 + i; }
    public int postgresPort(String node) { return basePort + 10 + index(node); }
    /** pgBackRest's TLS server beside each member. */
    public int backupPort(String node) { return basePort + 60 + index(node); }
    public int redisPort() { return basePort + 20; }
    public int memcachedPort() { return basePort + 21; }
    /** The local mail server (GreenMail): SMTP, IMAP, its web API. */
    public int mailSmtpPort() { return basePort + 22; }
    public int mailImapPort() { return basePort + 23; }
    public int mailApiPort() { return basePort + 24; }
    /** The local simulator of {@code Shop.PAYMENT_PROVIDERS_IN_ORDER.get(i)}. */
    public int paymentSimulatorPort(int i) { return basePort + 25 + i; }
    public int kafkaPort() { return basePort + 30; }
    public int kafkaControllerPort() { return basePort + 31; }
    public int searchPort() { return basePort + 40; }
    public int searchTransportPort() { return basePort + 41; }
    /** The local Prometheus and its Alertmanager (not clustered: no gossip port). */
    public int prometheusPort() { return basePort + 70; }
    public int alertmanagerPort() { return basePort + 71; }
    /** redis_exporter beside Redis. */
    public int redisExporterPort() { return basePort + 69; }
    /** postgres_exporter beside each member. */
    public int postgresExporterPort(String node) { return basePort + 72 + index(node); }
    /** Services get two ports each (API, management), in the model's order. */
    public int servicePort(int index) { return basePort + 100 + 2 * index; }
    public int managementPort(int index) { return basePort + 101 + 2 * index; }

    private static int index(String node) {
        return Integer.parseInt(node.substring(NODE_PREFIX.length()));
    }
}
