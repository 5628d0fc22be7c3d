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

    /**
     * @param uid           the image's unprivileged user
     * @param zone          pin to one zone, or empty to spread over all
     * @param runsToCompletion a job's pod: restarted on failure only, and not spread (one runs at a time)
     */
    public record Props(Target target, Component component, String workload, String serviceAccount, int uid,
                        List<Container> initContainers, List<Container> containers, List<Volume> volumes,
                        Optional<String> zone, boolean runsToCompletion) {}

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
                .volumes(volumes);
        if (p.runsToCompletion()) {
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
