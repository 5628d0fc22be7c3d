package io.shopplatform.manifests.data;

import static io.shopplatform.manifests.Meta.meta;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.datatier.Roles;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.rbac.Accounts;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.manifests.workloads.Pods;
import io.shopplatform.manifests.workloads.Workloads;
import io.shopplatform.model.Component;
import io.shopplatform.model.Port;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus25.k8s.Container;
import org.cdk8s.plus25.k8s.IntOrString;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import org.cdk8s.plus25.k8s.KubeService;
import org.cdk8s.plus25.k8s.KubeServiceProps;
import org.cdk8s.plus25.k8s.KubeStatefulSet;
import org.cdk8s.plus25.k8s.KubeStatefulSetProps;
import org.cdk8s.plus25.k8s.LabelSelector;
import org.cdk8s.plus25.k8s.SecretVolumeSource;
import org.cdk8s.plus25.k8s.ServicePort;
import org.cdk8s.plus25.k8s.ServiceSpec;
import org.cdk8s.plus25.k8s.StatefulSetSpec;
import org.cdk8s.plus25.k8s.Volume;
import software.constructs.Construct;

/**
 * PgPool-II: pooling, read/write split and failover, as a watchdog cluster of three or more. A StatefulSet gives
 * each PgPool the stable name its watchdog peers know it by ({@value ClusterTopology#POOLER_PEERS}, headless); clients
 * use the {@code pgpool} Service, which sends them to ready PgPools only. Its size is fixed on purpose: PostgreSQL's
 * max_connections is sized for exactly this many PgPools (the model's connection budget).
 */
public final class PgPool extends Construct {

    public PgPool(Construct scope, Target target) {
        super(scope, Shop.PGPOOL);
        Component c = target.platform().component(Shop.PGPOOL);
        String account = Accounts.serviceAccount(this, target, c);
        new KubeConfigMap(this, "config", KubeConfigMapProps.builder()
                .metadata(meta(target, c, StatefulServer.configMap(c))).data(ClusterTopology.files(target).pgpool()).build());
        List<Volume> volumes = List.of(
                Volume.builder().name(StatefulServer.CONFIG).configMap(ConfigMapVolumeSource.builder()
                        .name(StatefulServer.configMap(c)).defaultMode(0555).build()).build(),
                Volume.builder().name(StatefulServer.SECRETS).secret(SecretVolumeSource.builder()
                        .secretName(Credentials.PGPOOL_SECRET).defaultMode(0440).build()).build());
        Container pgpool = Servers.server(c,
                        List.of(PodSecurity.readOnly(StatefulServer.CONFIG, ClusterTopology.CONFIG),
                                PodSecurity.readOnly(StatefulServer.SECRETS, ClusterTopology.SECRETS)),
                        List.of(ClusterTopology.CONFIG + "/" + DataTierFiles.PGPOOL),
                        List.of(Servers.env("SECRETS_DIR", ClusterTopology.SECRETS)))
                .readinessProbe(Servers.tcp(c.mainPort().name()))
                .livenessProbe(Servers.tcp(c.mainPort().name()))
                .build();
        Container exporter = Servers.exporter(c, Exporters.PGPOOL, List.of(), List.of(
                Servers.env("PGPOOL_SERVICE", "localhost"),
                Servers.env("PGPOOL_SERVICE_PORT", String.valueOf(c.mainPort().number())),
                Servers.env("POSTGRES_USERNAME", Roles.SUPERUSER),
                Pods.secretEnv("POSTGRES_PASSWORD", Postgres.CREDENTIALS, Postgres.SUPERUSER_PASSWORD)));
        new KubeStatefulSet(this, "statefulset", KubeStatefulSetProps.builder()
                .metadata(meta(target, c, c.name()))
                .spec(StatefulSetSpec.builder()
                        .serviceName(ClusterTopology.POOLER_PEERS)
                        .replicas(target.instances(c))
                        .podManagementPolicy("Parallel")
                        .selector(LabelSelector.builder().matchLabels(Meta.selector(c, c.name())).build())
                        .template(Pods.template(Pods.Props.builder(target, c).serviceAccount(account)
                                .uid(Postgres.UID).containers(List.of(pgpool, exporter)).volumes(volumes).build()))
                        .build())
                .build());
        // Peers find each other before they are ready: the watchdog must form before PgPool answers clients.
        new KubeService(this, "peers", KubeServiceProps.builder()
                .metadata(meta(target, c, ClusterTopology.POOLER_PEERS))
                .spec(ServiceSpec.builder().clusterIp("None").publishNotReadyAddresses(true)
                        .selector(Meta.selector(c.name()))
                        .ports(c.ports().stream().filter(p -> List.of("watchdog", "heartbeat").contains(p.name()))
                                .map(PgPool::servicePort).toList())
                        .build())
                .build());
        Workloads.service(this, target, c, Port::number, Map.of());
        Workloads.disruptionBudget(this, target, c);
    }

    private static ServicePort servicePort(Port p) {
        return ServicePort.builder().name(p.name()).port(p.number()).targetPort(IntOrString.fromString(p.name()))
                .protocol(p.protocol().name()).build();
    }
}
