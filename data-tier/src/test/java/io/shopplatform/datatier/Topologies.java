package io.shopplatform.datatier;

import java.util.List;
import java.util.stream.IntStream;

/** Two placements of one sizing, as the cluster and the local runner make them, for comparing renderings. */
final class Topologies {

    private Topologies() {}

    /** Pods behind headless services, every member on 5432 with the same mounts; a GCS repository. */
    static Topology cluster(Sizing sizing) {
        return new Topology(
                IntStream.range(0, sizing.members()).mapToObj(i -> new Topology.Member("pg" + i, "postgres-" + i + "-0",
                        "postgres-" + i + "-0.postgres.shop-dev.svc.cluster.local", "*", 5432, 8432,
                        "/var/lib/postgresql/data/pgdata", "/tmp", "/config")).toList(),
                IntStream.range(0, sizing.poolers()).mapToObj(i -> new Topology.Pooler("pgpool-" + i,
                        "pgpool-" + i + ".pgpool-peers.shop-dev.svc.cluster.local", "*", 5432, 9898, 9000, 9694)).toList(),
                "0.0.0.0/0", new Topology.Gcs("shop-dev-shop-backups", "/pgbackrest"));
    }

    /** Everything on loopback, each process with its own port and folders; a local folder for the repository. */
    static Topology local(Sizing sizing) {
        return new Topology(
                IntStream.range(0, sizing.members()).mapToObj(i -> new Topology.Member("pg" + i, "pg" + i, "127.0.0.1",
                        "127.0.0.1", 24010 + i, 24060 + i, "/state/data/pg" + i, "/state/run/pg" + i,
                        "/state/config/postgres")).toList(),
                IntStream.range(0, sizing.poolers()).mapToObj(i -> new Topology.Pooler("pgpool-" + i, "127.0.0.1",
                        "127.0.0.1", 24000 + i, 24003 + i, 24006 + i, 24050 + i)).toList(),
                "127.0.0.1/32", new Topology.Directory("/state/backups"));
    }

    static List<String> scripts() {
        return List.of("lib.sh", DataTierFiles.MEMBER, DataTierFiles.BACKUP_SERVER, DataTierFiles.RESTORE,
                DataTierFiles.PGPOOL, "failover.sh", "follow_primary.sh", DataTierFiles.BACKUP);
    }
}
