package io.shopplatform.manifests.workloads;

import static io.shopplatform.manifests.Units.q;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.model.Component;
import io.shopplatform.model.Image;
import io.shopplatform.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdk8s.plus25.k8s.Container;
import org.cdk8s.plus25.k8s.EnvVar;
import org.cdk8s.plus25.k8s.EnvVarSource;
import org.cdk8s.plus25.k8s.ObjectMeta;
import org.cdk8s.plus25.k8s.PodSpec;
import org.cdk8s.plus25.k8s.PodTemplateSpec;
import org.cdk8s.plus25.k8s.Quantity;
import org.cdk8s.plus25.k8s.ResourceRequirements;
import org.cdk8s.plus25.k8s.SecretKeySelector;
import org.cdk8s.plus25.k8s.Volume;
import org.cdk8s.plus25.k8s.VolumeMount;

/** The one place a pod is put together, so every pod of the platform gets the same security and placement. */
public final class Pods {

    private Pods() {}

    /** Whether a pod serves until it is replaced, or does its work and ends. */
    public enum Lifetime {
        SERVES,
        /** A job's pod: restarted on failure only, and not spread (one runs at a time). */
        RUNS_TO_COMPLETION
    }

    /**
     * @param workload       the workload (Deployment, StatefulSet, CronJob) the pod belongs to; labels select by it
     * @param uid            the image's unprivileged user
     * @param zone           pin to one zone, or empty to spread over all
     */
    public record Props(Target target, Component component, String workload, String serviceAccount, int uid,
                        List<Container> initContainers, List<Container> containers, List<Volume> volumes,
                        Optional<String> zone, Lifetime lifetime) {

        /** Defaults: the workload named after the component, no init containers or volumes, spread, serving. */
        public static Builder builder(Target target, Component component) {
            return new Builder(target, component);
        }

        public static final class Builder {
            private final Target target;
            private final Component component;
            private String workload, serviceAccount;
            private Integer uid;
            private List<Container> initContainers = List.of(), containers = List.of();
            private List<Volume> volumes = List.of();
            private Optional<String> zone = Optional.empty();
            private Lifetime lifetime = Lifetime.SERVES;

            private Builder(Target target, Component component) {
                this.target = target;
                this.component = component;
                this.workload = component.name();
            }

            public Builder workload(String value) { workload = value; return this; }
            public Builder serviceAccount(String value) { serviceAccount = value; return this; }
            public Builder uid(int value) { uid = value; return this; }
            public Builder initContainers(List<Container> value) { initContainers = value; return this; }
            public Builder containers(List<Container> value) { containers = value; return this; }
            public Builder volumes(List<Volume> value) { volumes = value; return this; }
            public Builder zone(Optional<String> value) { zone = value; return this; }
            public Builder lifetime(Lifetime value) { lifetime = value; return this; }

            public Props build() {
                if (serviceAccount == null || uid == null || containers.isEmpty()) {
                    throw new IllegalArgumentException(component.name() + ": a pod needs a service account, a uid"
                            + " and containers");
                }
                return new Props(target, component, workload, serviceAccount, uid, initContainers, containers,
                        volumes, zone, lifetime);
            }
        }
    }

    public static PodTemplateSpec template(Props p) {
        Map<String, String> pods = Meta.selector(p.component().name());
        List<Volume> volumes = new ArrayList<>(p.volumes());
        volumes.add(PodSecurity.scratch(PodSecurity.TMP));
        PodSpec.Builder spec = PodSpec.builder()
                .serviceAccountName(p.serviceAccount())
                // No workload of the platform calls the Kubernetes API, so none gets a token.
                .automountServiceAccountToken(false)
                .securityContext(PodSecurity.pod(p.uid()))
                .affinity(Placement.affinity(p.target(), p.component(), pods, p.zone()))
                .tolerations(Placement.tolerations(p.target(), p.component()))
                .containers(p.containers())
                .volumes(volumes)
                .priorityClassName(p.component().priority().className());
        if (p.component().isService()) {
            // Longer than the preStop pause plus Spring's graceful shutdown (ServiceWorkload), so neither is cut short.
            spec.terminationGracePeriodSeconds(p.target().platform().termination().gracePeriod().toSeconds());
        }
        if (p.lifetime() == Lifetime.RUNS_TO_COMPLETION) {
            spec.restartPolicy("OnFailure");
        } else if (p.zone().isEmpty()) {
            spec.topologySpreadConstraints(Placement.spread(Meta.selector(p.component(), p.workload())));
        }
        if (!p.initContainers().isEmpty()) {
            spec.initContainers(p.initContainers());
        }
        return PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(Meta.labels(p.component(), p.workload())).build())
                .spec(spec.build())
                .build();
    }

    /** A container with the platform's security context, sized by the model, with /tmp writable. */
    public static Container.Builder container(String name, Image image, Resources size, List<VolumeMount> mounts) {
        List<VolumeMount> all = new ArrayList<>(mounts);
        all.add(PodSecurity.mount(PodSecurity.TMP, "/tmp"));
        return Container.builder()
                .name(name)
                .image(image.reference())
                .imagePullPolicy("IfNotPresent")
                .securityContext(PodSecurity.container())
                .resources(resources(size))
                .volumeMounts(all);
    }

    /** An environment variable read from a Secret: credentials are referenced, never written into manifests. */
    public static EnvVar secretEnv(String name, String secret, String key) {
        return EnvVar.builder().name(name).valueFrom(EnvVarSource.builder()
                .secretKeyRef(SecretKeySelector.builder().name(secret).key(key).build()).build()).build();
    }

    public static ResourceRequirements resources(Resources r) {
        return ResourceRequirements.builder()
                .requests(Map.<String, Quantity>of("cpu", q(r.cpuRequest()), "memory", q(r.memoryRequest())))
                .limits(Map.<String, Quantity>of("cpu", q(r.cpuLimit()), "memory", q(r.memoryLimit())))
                .build();
    }
}
