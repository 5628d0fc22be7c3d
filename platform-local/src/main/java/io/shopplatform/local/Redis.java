package io.shopplatform.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Redis with a password, persisting to an append-only file so carts and sessions survive down/up. */
final class Redis {

    static final String NAME = "redis";


    private final Context context;

    Redis(Context context) {
        this.context = context;
    }

    String password() {
        return context.secrets().password("redis.password");
    }

    void up() {
        if (context.supervisor().running(NAME).isEmpty()) {
            Path dir = context.layout().data().resolve(NAME);
            Files2.mkdirs(dir);
            context.host().own(dir);
            context.supervisor().requireFree(NAME, context.layout().redisPort());
            // The password goes in through a config file, not the command line, so `ps` does not show it.
            Path conf = context.layout().secrets().resolve("redis.conf");
            Host.writePrivate(conf, """
                    bind 127.0.0.1
                    protected-mode yes
                    port %d
                    requirepass %s
                    dir %s
                    appendonly yes
                    save ""
                    daemonize no
                    """.formatted(context.layout().redisPort(), password(), dir));
            context.host().own(conf);
            context.supervisor().start(NAME, List.of("redis-server", conf.toString()), Map.of(), dir);
        }
        context.supervisor().awaitReady(NAME, this::healthy, Duration.ofSeconds(30));
    }

    void down() {
        context.supervisor().stop(NAME, "TERM", Duration.ofSeconds(30));
    }

    boolean healthy() {
        return "PONG".equals(Host.tryExec(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(context.layout().redisPort()),
                "ping"), Map.of("REDISCLI_AUTH", password()), 5).output());
    }
}
