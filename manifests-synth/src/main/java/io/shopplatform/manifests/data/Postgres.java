package io.shopplatform.manifests.data;

import static io.shopplatform.manifests.workloads.Pods.secretEnv;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.datatier.Roles;
import io.shopplatform.datatier.Sizing;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.manifests.workloads.Pods;
import io.shopplatform.model.Component;
import io.shopplatform.model.Resources;
import io.shopplatform.model.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.cdk8s.plus25.k8s.EnvVar;
import org.cdk8s.plus25.k8s.Probe;
import software.constructs.Construct;

/**
 * PostgreSQL: each member a one-pod StatefulSet pinned to a zone of the db pool, started by data-tier's member.sh
 * (which decides by asking its peers whether it initialises, copies, rewinds or follows), with pgBackRest's backup
 * server beside it and an exporter. Which member is primary changes at every failover; none is named for it.
 */
public final class Postgres {
    /** Keys: superuser-password, replication-password. */
    public static final String CREDENTIALS = "postgres-credentials";
    public static final String SUPERUSER_PASSWORD = "superuser-password", REPLICATION_PASSWORD = "replication-password";
    /** The data-tier image's postgres user (Debian's packages, uid fixed in data-tier/image/Dockerfile). */
    static final int UID = 999;
    /** Guaranteed like the member beside it (it compresses what the backup job reads). */
    private static final Resources BACKUP_SERVER_SIZE = Resources.builder().guaranteedCpuMillis(500).memoryMi(256).build();

    private Postgres() {}

    public static void add(Construct scope, Target target) {
        Component c = target.platform().component(Shop.POSTGRES);
        DataTierFiles files = ClusterTopology.files(target);
        List<EnvVar> credentials = List.of(
                secretEnv(Credentials.SUPERUSER_PASSWORD, CREDENTIALS, SUPERUSER_PASSWORD),
                secretEnv(Credentials.REPLICATION_PASSWORD, CREDENTIALS, REPLICATION_PASSWORD));
        List<EnvVar> env = new ArrayList<>(List.of(Servers.env("PGDATA", ClusterTopology.PGDATA)));
        env.addAll(credentials);
        Probe ready = Servers.exec(DataTierFiles.PG_BIN + "/pg_isready", "-h", ClusterTopology.TMP,
                "-p", String.valueOf(c.mainPort().number()));
        var member = Servers.server(c, List.of(
                        PodSecurity.mount(StatefulServer.DATA, ClusterTopology.DATA_MOUNT),
                        PodSecurity.readOnly(StatefulServer.CONFIG, ClusterTopology.CONFIG)),
                List.of(ClusterTopology.CONFIG + "/" + DataTierFiles.MEMBER), env)
                .ports(List.of(Servers.port(c.mainPort())))
                // A new standby copies the whole database before it can answer: allow an hour for that.
                .startupProbe(Probe.builder().exec(ready.getExec()).periodSeconds(10).failureThreshold(360).build())
                .readinessProbe(ready)
                .livenessProbe(ready)
                .build();
        var backupServer = Pods.container("backup-server", c.image().orElseThrow(), BACKUP_SERVER_SIZE, List.of(
                        PodSecurity.readOnly(StatefulServer.DATA, ClusterTopology.DATA_MOUNT),
                        PodSecurity.readOnly(StatefulServer.CONFIG, ClusterTopology.CONFIG),
                        PodSecurity.readOnly(StatefulServer.SECRETS, ClusterTopology.SECRETS)))
                .command(List.of(ClusterTopology.CONFIG + "/" + DataTierFiles.BACKUP_SERVER))
                .env(List.of(Servers.env("PGDATA", ClusterTopology.PGDATA), Servers.env("SECRETS_DIR", ClusterTopology.SECRETS),
                        credentials.get(0)))
                .ports(List.of(Servers.port(c.port("backup"))))
                .readinessProbe(Servers.tcp("backup"))
                .livenessProbe(Servers.tcp("backup"))
                .build();
        var exporter = Servers.exporter(c, Exporters.POSTGRES, List.of(), List.of(
                Servers.env("DATA_SOURCE_URI", "localhost:" + c.mainPort().number() + "/postgres?sslmode=disable"),
                Servers.env("DATA_SOURCE_USER", Roles.SUPERUSER),
                secretEnv("DATA_SOURCE_PASS", CREDENTIALS, SUPERUSER_PASSWORD)));
        new StatefulServer(scope, StatefulServer.Props.builder(target, c).uid(UID).members(members(target, c))
                .containers(member, backupServer, exporter).files(files.postgres())
                .secret(Credentials.BACKUP_SERVER_TLS).dataSize(Sizing.DATA_VOLUME_GI + "Gi").build());
    }

    /** Member i in zone i (modulo the zones): members of one set never share a zone while zones last. */
    public static List<StatefulServer.Member> members(Target target, Component c) {
        List<String> zones = target.site().zones().subList(0, target.platform().zones());
        return IntStream.range(0, target.instances(c)).mapToObj(i -> new StatefulServer.Member(
                ClusterTopology.memberStatefulSet(i), 1, Optional.of(zones.get(i % zones.size())))).toList();
    }
}
