package io.shopplatform.manifests.data;

import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.datatier.Sizing;
import io.shopplatform.datatier.Topology;
import io.shopplatform.manifests.Target;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.stream.IntStream;

/**
 * data-tier's topology in a cluster: each PostgreSQL member a one-pod StatefulSet behind the {@code postgres}
 * headless Service, the PgPools one StatefulSet behind {@code pgpool-peers}, every member on its port with the same
 * mounts, and the environment's backup bucket as the repository. The files rendered for it go into ConfigMaps.
 */
public final class ClusterTopology {

    /** Where a member pod mounts its volume, its data directory on it, and the rendered files and secrets. */
    public static final String DATA_MOUNT = "/var/lib/postgresql/data", PGDATA = DATA_MOUNT + "/pgdata",
            CONFIG = "/config", SECRETS = "/secrets", TMP = "/tmp";
    /** The headless Service the PgPools find each other through (clients use the {@code pgpool} Service). */
    public static final String POOLER_PEERS = Shop.PGPOOL + "-peers";

    private ClusterTopology() {}

    public static DataTierFiles files(Target target) {
        return new DataTierFiles(Sizing.of(target.platform(), target.env()), of(target));
    }

    public static Topology of(Target target) {
        Component postgres = target.platform().component(Shop.POSTGRES);
        Component pgpool = target.platform().component(Shop.PGPOOL);
        int port = postgres.mainPort().number();
        int backup = postgres.port("backup").number();
        List<Topology.Member> members = IntStream.range(0, target.instances(postgres)).mapToObj(i ->
                new Topology.Member("pg" + i, memberStatefulSet(i) + "-0", memberHost(target, i), "*", port, backup,
                        PGDATA, TMP, CONFIG)).toList();
        List<Topology.Pooler> poolers = IntStream.range(0, target.instances(pgpool)).mapToObj(i ->
                new Topology.Pooler(Shop.PGPOOL + "-" + i, poolerHost(target, i), "*", pgpool.mainPort().number(),
                        pgpool.port("pcp").number(), pgpool.port("watchdog").number(), pgpool.port("heartbeat").number()))
                .toList();
        // Who may connect is the NetworkPolicies' decision; here every connection must authenticate.
        return new Topology(members, poolers, "0.0.0.0/0",
                new Topology.Gcs(target.site().backupBuckets().primary(), BackupBuckets.REPOSITORY_PATH));
    }

    /** Member i's StatefulSet: one pod, pinned to a zone. */
    public static String memberStatefulSet(int i) {
        return Shop.POSTGRES + "-" + i;
    }

    public static String memberHost(Target target, int i) {
        return target.podHost(memberStatefulSet(i), 0, Shop.POSTGRES);
    }

    static String poolerHost(Target target, int i) {
        return Shop.PGPOOL + "-" + i + "." + POOLER_PEERS + "." + target.namespace() + ".svc.cluster.local";
    }
}
