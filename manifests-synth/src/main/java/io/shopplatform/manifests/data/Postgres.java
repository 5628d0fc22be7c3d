package io.shopplatform.manifests.data;

import static io.shopplatform.manifests.workloads.Pods.secretEnv;

import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.Template;
import io.shopplatform.manifests.workloads.Endpoints;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cdk8s.plus25.k8s.EnvVar;
import org.cdk8s.plus25.k8s.Probe;
import software.constructs.Construct;

/**
 * PostgreSQL: a primary and streaming replicas, each its own one-pod StatefulSet pinned to a zone of the db pool,
 * with quorum-synchronous replication. Which member is primary can change (PgPool fails over); the member named
 * primary is only the one that initialises a new cluster.
 */
public final class Postgres {
    /** The database owner and superuser (docs/contracts.md). */
    public static final String SUPERUSER = "shop_admin";
    public static final String REPLICATOR = "replicator";
    /** Keys: superuser-password, replication-password. */
    public static final String CREDENTIALS = "postgres-credentials";
    public static final String SUPERUSER_PASSWORD = "superuser-password", REPLICATION_PASSWORD = "replication-password";
    /** Connections beyond PgPool's: replication, backups, WAL archiving, the exporter, an operator's psql. */
    private static final int RESERVED_CONNECTIONS = 20;
    private static final int UID = 999;
    private static final String DATA_SIZE = "100Gi";
    public static final String PRIMARY_LOOKUP = "primary.sh";

    private Postgres() {}

    public static void add(Construct scope, Target target) {
        Component c = target.platform().component(Shop.POSTGRES);
        List<StatefulServer.Member> members = members(target, c);
        List<EnvVar> credentials = List.of(
                secretEnv("SUPERUSER_PASSWORD", CREDENTIALS, SUPERUSER_PASSWORD),
                secretEnv("REPLICATION_PASSWORD", CREDENTIALS, REPLICATION_PASSWORD));
        Probe ready = Servers.exec("pg_isready", "-h", "/tmp", "-p", String.valueOf(c.mainPort().number()));
        var server = Servers.server(c, List.of(
                        PodSecurity.mount(StatefulServer.DATA, "/var/lib/postgresql/data"),
                        PodSecurity.readOnly(StatefulServer.CONFIG, "/config")),
                List.of("/config/postgres.sh"), credentials)
                // A new replica copies the whole database before it can answer: allow an hour for that.
                .startupProbe(Probe.builder().exec(ready.getExec()).periodSeconds(10).failureThreshold(360).build())
                .readinessProbe(ready)
                .livenessProbe(ready)
                .build();
        var exporter = Servers.exporter(c, Exporters.POSTGRES, List.of(), List.of(
                Servers.env("DATA_SOURCE_URI", "localhost:" + c.mainPort().number() + "/postgres?sslmode=disable"),
                Servers.env("DATA_SOURCE_USER", SUPERUSER),
                secretEnv("DATA_SOURCE_PASS", CREDENTIALS, SUPERUSER_PASSWORD)));
        new StatefulServer(scope, StatefulServer.Props.builder(target, c).uid(UID).members(members)
                .containers(server, exporter).files(files(target, c, members)).dataSize(DATA_SIZE).build());
    }

    /**
     * The primary, then replica k in zone k (the seed's replicas 1..3 in zones A..C); the primary takes the last
     * zone so that in a two-member environment it never shares a zone with its replica.
     */
    public static List<StatefulServer.Member> members(Target target, Component c) {
        List<String> zones = target.site().zones().subList(0, target.platform().zones());
        List<StatefulServer.Member> members = new ArrayList<>();
        members.add(new StatefulServer.Member(primaryMember(c), 1, Optional.of(zones.get(zones.size() - 1))));
        for (int k = 1; k < target.instances(c); k++) {
            members.add(new StatefulServer.Member(c.name() + "-replica-" + k, 1,
                    Optional.of(zones.get((k - 1) % zones.size()))));
        }
        return members;
    }

    public static String primaryMember(Component c) {
        return c.name() + "-primary";
    }

    /** The member's pod's DNS name (each member StatefulSet has one pod). */
    public static String host(Target target, Component c, StatefulServer.Member m) {
        return target.podHost(m.name(), 0, c.name());
    }

    /** A shell function, {@code current_primary}, that finds the member that is primary now. */
    public static String primaryLookup(Target target) {
        Component c = target.platform().component(Shop.POSTGRES);
        return Template.render(Postgres.class, PRIMARY_LOOKUP,
                Map.of("member_hosts", memberHosts(target, c), "superuser", SUPERUSER));
    }

    private static String memberHosts(Target target, Component c) {
        return members(target, c).stream().map(m -> host(target, c, m)).collect(Collectors.joining(" "));
    }

    private static Map<String, String> files(Target target, Component c, List<StatefulServer.Member> members) {
        int pgpools = target.instances(target.platform().component(Shop.PGPOOL));
        int memoryMi = c.resources().memoryLimitMi();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("port", c.mainPort().number());
        v.put("max_connections", pgpools * target.platform().pooling().maxBackendConnections() + RESERVED_CONNECTIONS);
        v.put("shared_buffers", Servers.shareOfMemoryMi(c.resources(), 25) + "MB");
        v.put("effective_cache_size", memoryMi * 3 / 4 + "MB");
        v.put("wal_senders", members.size() + 2);
        v.put("quorum", target.platform().pooling().synchronousQuorum());
        v.put("members", members.stream().map(m -> m.name().replace('-', '_')).collect(Collectors.joining(", ")));
        v.put("slow_query_ms", target.platform().sla().databaseQueryTime().toMillis());
        v.put("replicator", REPLICATOR);
        v.put("superuser", SUPERUSER);
        v.put("database", Endpoints.DATABASE);
        v.put("primary_member", primaryMember(c));
        v.put("member_hosts", memberHosts(target, c));
        v.put("service_host", target.host(c.name()));
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : List.of("postgresql.conf", "pg_hba.conf", "postgres.sh", PRIMARY_LOOKUP)) {
            files.put(f, Template.render(Postgres.class, f, v));
        }
        return files;
    }
}
