package io.shopplatform.manifests.data;

import static io.shopplatform.manifests.Meta.meta;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.rbac.Accounts;
import io.shopplatform.manifests.workloads.Pods;
import io.shopplatform.manifests.workloads.Workloads;
import io.shopplatform.model.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.cdk8s.plus25.k8s.ObjectMeta;
import org.cdk8s.plus25.k8s.PersistentVolumeClaimSpec;
import org.cdk8s.plus25.k8s.Quantity;
import org.cdk8s.plus25.k8s.ResourceRequirements;
import org.cdk8s.plus25.k8s.SecretVolumeSource;
import org.cdk8s.plus25.k8s.ServicePort;
import org.cdk8s.plus25.k8s.ServiceSpec;
import org.cdk8s.plus25.k8s.StatefulSetSpec;
import org.cdk8s.plus25.k8s.Volume;
import org.cdk8s.plus25.k8s.KubePersistentVolumeClaimProps;
import software.constructs.Construct;

/**
 * A clustered server of the data tier: one or more StatefulSets behind one headless Service (stable DNS per
 * member), its ServiceAccount, configuration files, a PDB that lets one member go at a time, and a
 * fast-SSD volume per member.
 */
public final class StatefulServer extends Construct {
    /** Volume names the servers' containers mount. */
    public static final String CONFIG = "config", SECRETS = "secrets", DATA = "data";

    /** One StatefulSet; {@code zone} pins it to one zone, otherwise its pods spread over all. */
    public record Member(String name, int replicas, Optional<String> zone) {}

    /**
     * @param uid       the image's unprivileged user
     * @param files     configuration files and scripts, mounted at {@code /config}
     * @param secret    a Secret mounted at {@code /secrets}, if the server reads credentials from files
     * @param dataSize  size of each member's volume; empty for servers that keep nothing (memcached)
     */
    public record Props(Target target, Component component, int uid, List<Member> members,
                        List<Container> containers, Map<String, String> files, Optional<String> secret,
                        Optional<String> dataSize) {

        /**
         * Defaults: one StatefulSet named after the component with its pods spread over the zones, no files, no
         * secret, no volume.
         */
        public static Builder builder(Target target, Component component) {
            return new Builder(target, component);
        }

        public static final class Builder {
            private final Target target;
            private final Component component;
            private Integer uid;
            private List<Member> members;
            private List<Container> containers = List.of();
            private Map<String, String> files = Map.of();
            private Optional<String> secret = Optional.empty(), dataSize = Optional.empty();

            private Builder(Target target, Component component) {
                this.target = target;
                this.component = component;
                this.members = Servers.spread(target, component);
            }

            public Builder uid(int value) { uid = value; return this; }
            public Builder members(List<Member> value) { members = value; return this; }
            public Builder containers(Container... value) { containers = List.of(value); return this; }
            public Builder files(Map<String, String> value) { files = value; return this; }
            public Builder secret(String name) { secret = Optional.of(name); return this; }
            /** A fast-SSD volume of this size per member, mounted as {@link #DATA}. */
            public Builder dataSize(String quantity) { dataSize = Optional.of(quantity); return this; }

            public Props build() {
                if (uid == null || containers.isEmpty()) {
                    throw new IllegalArgumentException(component.name() + ": a server needs a uid and containers");
                }
                return new Props(target, component, uid, members, containers, files, secret, dataSize);
            }
        }
    }

    public StatefulServer(Construct scope, Props p) {
        super(scope, p.component().name());
        Target target = p.target();
        Component c = p.component();
        String account = Accounts.serviceAccount(this, target, c);
        List<Volume> volumes = new ArrayList<>();
        if (!p.files().isEmpty()) {
            new KubeConfigMap(this, "config", KubeConfigMapProps.builder()
                    .metadata(meta(target, c, configMap(c))).data(p.files()).build());
            // Scripts among the files must be executable; nothing in them is secret.
            volumes.add(Volume.builder().name(CONFIG).configMap(ConfigMapVolumeSource.builder()
                    .name(configMap(c)).defaultMode(0555).build()).build());
        }
        p.secret().ifPresent(s -> volumes.add(Volume.builder().name(SECRETS)
                .secret(SecretVolumeSource.builder().secretName(s).defaultMode(0440).build()).build()));

        new KubeService(this, "service", KubeServiceProps.builder()
                .metadata(meta(target, c, c.name()))
                .spec(ServiceSpec.builder()
                        .clusterIp("None")
                        // Members must find each other while they form the cluster, before they are ready.
                        .publishNotReadyAddresses(true)
                        .selector(Meta.selector(c.name()))
                        .ports(c.ports().stream().map(port -> ServicePort.builder().name(port.name()).port(port.number())
                                .targetPort(IntOrString.fromString(port.name())).protocol(port.protocol().name()).build()).toList())
                        .build())
                .build());

        for (Member m : p.members()) {
            new KubeStatefulSet(this, m.name(), KubeStatefulSetProps.builder()
                    .metadata(meta(m.name(), target.namespace(), Meta.labels(c, m.name())))
                    .spec(StatefulSetSpec.builder()
                            .serviceName(c.name())
                            .replicas(m.replicas())
                            .podManagementPolicy("Parallel")
                            .selector(LabelSelector.builder().matchLabels(Meta.selector(c, m.name())).build())
                            .template(Pods.template(Pods.Props.builder(target, c).workload(m.name())
                                    .serviceAccount(account).uid(p.uid()).containers(p.containers()).volumes(volumes)
                                    .zone(m.zone()).build()))
                            .volumeClaimTemplates(p.dataSize().map(size -> List.of(claim(size))).orElse(List.of()))
                            .build())
                    .build());
        }

        Workloads.disruptionBudget(this, target, c);
    }

    public static String configMap(Component c) {
        return c.name() + "-config";
    }

    private static KubePersistentVolumeClaimProps claim(String size) {
        return KubePersistentVolumeClaimProps.builder()
                .metadata(ObjectMeta.builder().name(DATA).build())
                .spec(PersistentVolumeClaimSpec.builder()
                        .accessModes(List.of("ReadWriteOnce"))
                        .storageClassName(Storage.FAST_SSD.className)
                        .resources(ResourceRequirements.builder()
                                .requests(Map.<String, Quantity>of("storage", Quantity.fromString(size))).build())
                        .build())
                .build();
    }
}
