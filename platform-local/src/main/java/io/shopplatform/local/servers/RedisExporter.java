package io.shopplatform.local.servers;

import io.shopplatform.local.machine.LocalMachine;
import java.util.List;
import java.util.Map;

/**
 * Debian's redis_exporter beside the local Redis, as the cluster runs one beside Redis's container: the keyspace hits
 * and misses the caches board reads. The password reaches it through its environment, off the command line.
 */
public final class RedisExporter extends Exporter {

    public static final String BINARY = "prometheus-redis-exporter";
    public static final String NAME = "redis-exporter";

    private final LocalMachine machine;
    private final Redis redis;

    public RedisExporter(LocalMachine machine, Redis redis) {
        this.machine = machine;
        this.redis = redis;
    }

    @Override
    public int port() {
        return machine.layout().redisExporterPort();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void writeConfig() {
        // Nothing to write: the address and password come from the environment.
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of(BINARY, "-web.listen-address", "127.0.0.1:" + port()),
                Map.of("REDIS_ADDR", "redis://" + redis.nodes(), "REDIS_PASSWORD", redis.password()),
                machine.layout().run());
    }
}
