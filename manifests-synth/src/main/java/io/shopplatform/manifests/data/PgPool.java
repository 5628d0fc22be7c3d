package io.shopplatform.manifests.data;

import static io.shopplatform.manifests.Meta.meta;
import static io.shopplatform.manifests.workloads.Pods.secretEnv;

import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.Template;
import io.shopplatform.manifests.rbac.Accounts;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.manifests.workloads.Pods;
import io.shopplatform.manifests.workloads.Workloads;
import io.shopplatform.model.Component;
import io.shopplatform.model.ConnectionPooling;
import io.shopplatform.model.Shop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus25.k8s.Container;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import org.cdk8s.plus25.k8s.SecretVolumeSource;
import org.cdk8s.plus25.k8s.Volume;
import software.constructs.Construct;

/**
 * PgPool-II in front of PostgreSQL: pooling, read/write split, health checks and failover, as a Deployment of a
 * fixed size. It does not autoscale on purpose: every instance may open
 * {@link ConnectionPooling#maxBackendConnections()} connections to each node, and PostgreSQL's
 * max_connections is sized for exactly this many instances.
 */
public final class PgPool extends Construct {
    /** Keys: pool_passwd (every login's password, for SCRAM), pcp.conf, pgpass and pcppass (for the failover scripts). */
    public static final String CREDENTIALS = "pgpool-credentials";
    public static final String POOL_PASSWD = "pool_passwd", PCP_CONF = "pcp.conf", PGPASS = "pgpass", PCPPASS = "pcppass";
    /** The user the failover scripts call PgPool's control port as. */
    public static final String PCP_USER = "pcp";
    private static final int UID = 999;

    public PgPool(Construct scope, Target target) {
        super(scope, Shop.PGPOOL);
        Component c = target.platform().component(Shop.PGPOOL);
        Component postgres = target.platform().component(Shop.POSTGRES);
        String account = Accounts.serviceAccount(this, target, c);
        new KubeConfigMap(this, "config", KubeConfigMapProps.builder()
                .metadata(meta(target, c, StatefulServer.configMap(c))).data(files(target, c, postgres)).build());
        List<Volume> volumes = List.of(
                Volume.builder().name(StatefulServer.CONFIG).configMap(ConfigMapVolumeSource.builder()
                        .name(StatefulServer.configMap(c)).defaultMode(0555).build()).build(),
                Volume.builder().name(StatefulServer.SECRETS).secret(SecretVolumeSource.builder()
                        .secretName(CREDENTIALS).defaultMode(0440).build()).build());
        Container pgpool = Servers.server(c,
                        List.of(PodSecurity.readOnly(StatefulServer.CONFIG, "/config"),
                                PodSecurity.readOnly(StatefulServer.SECRETS, "/secrets")),
                        // libpq ignores password files others can read: copy them private first.
                        Workloads.shell("install -m 600 /secrets/" + PGPASS + " /tmp/.pgpass"
                                + " && install -m 600 /secrets/" + PCPPASS + " /tmp/.pcppass"
                                + " && exec pgpool -n -f /config/pgpool.conf -F /secrets/" + PCP_CONF
                                + " -a /config/pool_hba.conf"),
                        List.of(Servers.env("PGPASSFILE", "/tmp/.pgpass"),
                                Servers.env("PCPPASSFILE", "/tmp/.pcppass"),
                                secretEnv("REPLICATION_PASSWORD", Postgres.CREDENTIALS, Postgres.REPLICATION_PASSWORD)))
                .readinessProbe(Servers.tcp(c.mainPort().name()))
                .livenessProbe(Servers.tcp(c.mainPort().name()))
                .build();
        Container exporter = Servers.exporter(c, Exporters.PGPOOL, List.of(), List.of(
                Servers.env("PGPOOL_SERVICE", "localhost"),
                Servers.env("PGPOOL_SERVICE_PORT", String.valueOf(c.mainPort().number())),
                Servers.env("POSTGRES_USERNAME", Postgres.SUPERUSER),
                secretEnv("POSTGRES_PASSWORD", Postgres.CREDENTIALS, Postgres.SUPERUSER_PASSWORD)));
        Workloads.deployment(this, target, c, target.instances(c), Pods.template(Pods.Props.builder(target, c)
                .serviceAccount(account).uid(UID).containers(List.of(pgpool, exporter)).volumes(volumes).build()));
        Workloads.service(this, target, c, p -> p.number(), Map.of());
        Workloads.disruptionBudget(this, target, c);
    }

    private static Map<String, String> files(Target target, Component c, Component postgres) {
        ConnectionPooling pooling = target.platform().pooling();
        int port = postgres.mainPort().number();
        StringBuilder backends = new StringBuilder();
        List<StatefulServer.Member> members = Postgres.members(target, postgres);
        for (int i = 0; i < members.size(); i++) {
            StatefulServer.Member m = members.get(i);
            backends.append("backend_hostname").append(i).append(" = '").append(Postgres.host(target, postgres, m)).append("'\n")
                    .append("backend_port").append(i).append(" = ").append(port).append('\n')
                    // The primary takes no balanced reads: replicas serve them, the primary serves writes.
                    .append("backend_weight").append(i).append(" = ").append(i == 0 ? 0 : 1).append('\n')
                    .append("backend_flag").append(i).append(" = 'ALLOW_TO_FAILOVER'\n")
                    .append("backend_application_name").append(i).append(" = '").append(m.name().replace('-', '_')).append("'\n");
        }
        long failoverSeconds = target.platform().database().failoverDetection().toSeconds();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("port", c.mainPort().number());
        v.put("postgres_port", port);
        v.put("pcp_port", c.port("pcp").number());
        v.put("children", pooling.children());
        v.put("connections_per_child", pooling.connectionsPerChild());
        // Two missed checks and a retry must fit in the seed's detection time.
        v.put("check_period", Math.max(1, failoverSeconds / 3));
        v.put("failover_seconds", failoverSeconds);
        v.put("superuser", Postgres.SUPERUSER);
        v.put("replicator", Postgres.REPLICATOR);
        v.put("pool_passwd", "/secrets/" + POOL_PASSWD);
        v.put("pcp_user", PCP_USER);
        v.put("backends", backends.toString());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pgpool.conf", Template.render(PgPool.class, "pgpool.conf", v));
        files.put("pool_hba.conf", Template.load(PgPool.class, "pool_hba.conf"));
        files.put("failover.sh", Template.render(PgPool.class, "failover.sh", v));
        files.put("follow_primary.sh", Template.render(PgPool.class, "follow_primary.sh", v));
        return files;
    }
}
