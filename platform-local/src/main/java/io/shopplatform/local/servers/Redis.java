package io.shopplatform.local.servers;

import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import io.shopplatform.model.Shop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Redis with a password, persisting to an append-only file so carts and sessions survive down/up. */
public final class Redis implements LocalServer {

    private final LocalMachine machine;

    public Redis(LocalMachine machine) {
        this.machine = machine;
    }

    public String password() {
        return machine.secrets().password("redis.password");
    }

    public String nodes() {
        return "127.0.0.1:" + machine.layout().redisPort();
    }

    @Override
    public String name() {
        return Shop.REDIS;
    }

    @Override
    public List<Integer> ports() {
        return List.of(machine.layout().redisPort());
    }

    @Override
    public void writeConfig() {
        Path dir = data();
        Host.mkdirs(dir);
        machine.host().own(dir);
        // The password goes in through a config file, not the command line, so `ps` does not show it.
        Host.writePrivate(conf(), """
                bind 127.0.0.1
                protected-mode yes
                port %d
                requirepass %s
                dir %s
                appendonly yes
                save ""
                daemonize no
                """.formatted(machine.layout().redisPort(), password(), dir));
        machine.host().own(conf());
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of("redis-server", conf().toString()), Map.of(), data());
    }

    @Override
    public boolean ready() {
        return "PONG".equals(Host.tryExec(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                Integer.toString(machine.layout().redisPort()), "ping"), Map.of("REDISCLI_AUTH", password()), 5).output());
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(30);
    }

    private Path data() {
        return machine.layout().data().resolve(name());
    }

    private Path conf() {
        return machine.layout().secrets().resolve("redis.conf");
    }
}
