package io.shopplatform.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Redis with a password, persisting to an append-only file so carts and sessions survive down/up. */
final class Redis {

    static final String NAME = "redis";

    private final Layout layout;
    private final Host host;
    private final Supervisor supervisor;
    private final Secrets secrets;

    Redis(Layout layout, Host host, Supervisor supervisor, Secrets secrets) {
        this.layout = layout;
        this.host = host;
        this.supervisor = supervisor;
        this.secrets = secrets;
    }

    String password() {
        return secrets.password("redis.password");
    }

    void up() {
        if (supervisor.running(NAME).isEmpty()) {
            Path dir = layout.data().resolve(NAME);
            Files2.mkdirs(dir);
            host.own(dir);
            supervisor.requireFree(NAME, layout.redisPort());
            // The password goes in through a config file, not the command line, so `ps` does not show it.
            Path conf = layout.secrets().resolve("redis.conf");
            Host.writePrivate(conf, """
                    bind 127.0.0.1
                    protected-mode yes
                    port %d
                    requirepass %s
                    dir %s
                    appendonly yes
                    save ""
                    daemonize no
                    """.formatted(layout.redisPort(), password(), dir));
            host.own(conf);
            supervisor.start(NAME, List.of("redis-server", conf.toString()), Map.of(), dir);
        }
        supervisor.awaitReady(NAME, this::healthy, Duration.ofSeconds(30));
    }

    void down() {
        supervisor.stop(NAME, "TERM", Duration.ofSeconds(30));
    }

    boolean healthy() {
        return "PONG".equals(Host.tryExec(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(layout.redisPort()),
                "ping"), Map.of("REDISCLI_AUTH", password()), 5).output());
    }
}
