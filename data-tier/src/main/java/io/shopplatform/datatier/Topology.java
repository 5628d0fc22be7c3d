package io.shopplatform.datatier;

import java.util.List;

/**
 * Where the data tier's processes are: every address, port and path the rendered files name. The cluster's topology
 * names pods by their headless-service DNS names and the paths of the pods' mounts; the local one names loopback
 * ports and folders under the state directory. Nothing else differs between the two renderings.
 *
 * @param clientNetwork who may connect, in pg_hba.conf and pool_hba.conf terms (the cluster leaves that to its
 *                      NetworkPolicies; locally, loopback only)
 */
public record Topology(List<Member> members, List<Pooler> poolers, String clientNetwork, Repository repository) {

    public Topology {
        members = List.copyOf(members);
        poolers = List.copyOf(poolers);
        if (members.isEmpty() || poolers.isEmpty()) {
            throw new IllegalArgumentException("a data tier needs members and poolers");
        }
    }

    /**
     * One PostgreSQL member. {@code name} is its identity in replication (application_name, slot, PgPool's
     * backend order); {@code pod} is the HOSTNAME its processes run with.
     *
     * @param dataDir   its data directory (PGDATA), as the backup job names it to the member's backup server
     * @param socketDir its Unix socket folder (the pod's TMPDIR), through which pgBackRest reaches the database
     * @param configDir where the member's rendered files are, for the backup server to read pgbackrest.conf
     */
    public record Member(String name, String pod, String host, String listen, int port, int backupPort,
                         String dataDir, String socketDir, String configDir) {}

    /** One PgPool-II of the watchdog cluster; {@code pod} is the HOSTNAME it runs with. */
    public record Pooler(String pod, String host, String listen, int port, int pcpPort, int watchdogPort,
                         int heartbeatPort) {}

    /** Where pgBackRest keeps backups and archived WAL. */
    public sealed interface Repository permits Gcs, Directory {
        /** The repository's lines of a pgbackrest.conf {@code [global]} section. */
        String settings();
    }

    /** A path in a GCS bucket; pgBackRest authenticates as the pod's Google service account (workload identity). */
    public record Gcs(String bucket, String path) implements Repository {
        @Override
        public String settings() {
            return "repo1-type=gcs\nrepo1-gcs-bucket=" + bucket + "\nrepo1-gcs-key-type=auto\nrepo1-path=" + path;
        }
    }

    /** A local folder standing in for the bucket. */
    public record Directory(String path) implements Repository {
        @Override
        public String settings() {
            return "repo1-type=posix\nrepo1-path=" + path;
        }
    }

    public Member member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + name));
    }
}
