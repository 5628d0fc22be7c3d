package io.shopplatform.manifests.data;

import static io.shopplatform.manifests.workloads.Pods.secretEnv;

import io.shopplatform.manifests.Target;
import io.shopplatform.datatier.Template;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/** Redis Cluster on the cache pool: half the members are masters, each with one replica (the seed's 3 + 3). */
public final class RedisCluster {
    public static final String CREDENTIALS = "redis-credentials", PASSWORD = "password";
    private static final int REPLICAS_PER_MASTER = 1;
    private static final int UID = 999;
    private static final String DATA_SIZE = "10Gi";

    private RedisCluster() {}

    public static void add(Construct scope, Target target) {
        Component c = target.platform().component(Shop.REDIS);
        int port = c.mainPort().number();
        var password = secretEnv("REDIS_PASSWORD", CREDENTIALS, PASSWORD);
        var ping = Servers.exec("sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG");
        var server = Servers.server(c, List.of(PodSecurity.mount(StatefulServer.DATA, "/data"),
                        PodSecurity.readOnly(StatefulServer.CONFIG, "/config")),
                List.of("/config/redis.sh"), List.of(password))
                .readinessProbe(ping).livenessProbe(ping).build();
        var exporter = Servers.exporter(c, Exporters.REDIS, List.of(), List.of(
                Servers.env("REDIS_ADDR", "redis://localhost:" + port),
                secretEnv("REDIS_PASSWORD", CREDENTIALS, PASSWORD)));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("port", port);
        v.put("bus_port", c.port("bus").number());
        // Cache data is bounded below the container's limit, leaving room for replication buffers and AOF rewrites.
        v.put("maxmemory", Servers.shareOfMemoryMi(c.resources(), 75) + "mb");
        v.put("service_host", target.host(c.name()));
        v.put("member_hosts", Servers.memberHosts(target, c, "", " "));
        v.put("replicas_per_master", REPLICAS_PER_MASTER);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("redis.conf", Template.render(RedisCluster.class, "redis.conf", v));
        files.put("redis.sh", Template.render(RedisCluster.class, "redis.sh", v));
        new StatefulServer(scope, StatefulServer.Props.builder(target, c).uid(UID).containers(server, exporter)
                .files(files).dataSize(DATA_SIZE).build());
    }
}
