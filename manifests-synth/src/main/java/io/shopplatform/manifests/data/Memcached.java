package io.shopplatform.manifests.data;

import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import java.util.List;
import software.constructs.Construct;

/** memcached on the cache pool: LRU-evicting product catalog cache, SASL-authenticated, nothing on disk. */
public final class Memcached {
    /** Key {@link #SASL_DB}: user:password lines, memcached's own SASL password database. */
    public static final String CREDENTIALS = "memcached-credentials", SASL_DB = "sasl-db";
    private static final int UID = 11211;

    private Memcached() {}

    public static void add(Construct scope, Target target) {
        Component c = target.platform().component(Shop.MEMCACHED);
        String port = c.mainPort().name();
        var server = Servers.server(c, List.of(PodSecurity.readOnly(StatefulServer.SECRETS, "/secrets")),
                        List.of("memcached", "-p", String.valueOf(c.mainPort().number()),
                                // The cache fills 90 % of the container's memory, then evicts least recently used.
                                "-m", String.valueOf(Servers.shareOfMemoryMi(c.resources(), 90)), "-S"),
                        List.of(Servers.env("MEMCACHED_SASL_PWDB", "/secrets/" + SASL_DB)))
                .readinessProbe(Servers.tcp(port)).livenessProbe(Servers.tcp(port)).build();
        // No exporter beside it: memcached_exporter reads stats over the ASCII protocol, which -S (SASL, binary
        // protocol only) refuses. The services' per-layer counters (shop_cache_gets_total) stand in for it.
        new StatefulServer(scope, StatefulServer.Props.builder(target, c).uid(UID).containers(server)
                .secret(CREDENTIALS).build());
    }
}
