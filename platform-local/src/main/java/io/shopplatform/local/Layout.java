package io.shopplatform.local;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one local platform keeps its files and which loopback ports it uses. Everything is derived from a home
 * folder and a base port, so a second platform (the failover test's throwaway cluster) never collides with the
 * developer's.
 *
 * @param replicas streaming replicas beside the primary (two locally: a 2-core machine, and enough for a quorum)
 */
public record Layout(Path repo, Path home, int basePort, int replicas) {

    public static final int DEFAULT_BASE_PORT = 15400;
    /** A throwaway platform (a test's own cluster) sits this far above the developer's base port. */
    public static final int THROWAWAY_OFFSET = 1000;

    /** The base port of this checkout: {@code SHOP_PLATFORM_BASE_PORT}, or {@link #DEFAULT_BASE_PORT}. */
    public static int configuredBasePort() {
        return Integer.parseInt(System.getenv().getOrDefault("SHOP_PLATFORM_BASE_PORT",
                Integer.toString(DEFAULT_BASE_PORT)));
    }

    public Path logs() { return home.resolve("logs"); }
    public Path run() { return home.resolve("run"); }
    public Path data() { return home.resolve("data"); }
    public Path secrets() { return home.resolve("secrets"); }
    public Path scripts() { return home.resolve("scripts"); }
    public Path env() { return home.resolve("env"); }
    public Path dist() { return home.resolve("dist"); }
    public Path tierFile() { return home.resolve("tier.properties"); }

    /** PostgreSQL nodes by name; pg0 is the first primary. */
    public List<String> postgresNodes() {
        return java.util.stream.IntStream.rangeClosed(0, replicas).mapToObj(i -> "pg" + i).toList();
    }

    public Path pgData(String node) { return data().resolve(node); }
    /** Which node is primary, as last decided by the runner or by PgPool's failover script. */
    public Path primaryFile() { return data().resolve("primary"); }

    public int pgpoolPort() { return basePort; }
    public int pcpPort() { return basePort + 1; }
    public int postgresPort(String node) { return basePort + 10 + Integer.parseInt(node.substring(2)); }
    public int redisPort() { return basePort + 20; }
    public int memcachedPort() { return basePort + 21; }
    public int kafkaPort() { return basePort + 30; }
    public int kafkaControllerPort() { return basePort + 31; }
    public int searchPort() { return basePort + 40; }
    public int searchTransportPort() { return basePort + 41; }
    /** Services get two ports each (API, management), in the model's order. */
    public int servicePort(int index) { return basePort + 100 + 2 * index; }
    public int managementPort(int index) { return basePort + 101 + 2 * index; }
}
