package io.shopplatform.manifests.workloads;

import static io.shopplatform.manifests.Meta.meta;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.model.Component;
import io.shopplatform.model.Port;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cdk8s.plus25.k8s.DeploymentSpec;
import org.cdk8s.plus25.k8s.DeploymentStrategy;
import org.cdk8s.plus25.k8s.IntOrString;
import org.cdk8s.plus25.k8s.KubeDeployment;
import org.cdk8s.plus25.k8s.KubeDeploymentProps;
import org.cdk8s.plus25.k8s.KubePodDisruptionBudget;
import org.cdk8s.plus25.k8s.KubePodDisruptionBudgetProps;
import org.cdk8s.plus25.k8s.KubeService;
import org.cdk8s.plus25.k8s.KubeServiceProps;
import org.cdk8s.plus25.k8s.LabelSelector;
import org.cdk8s.plus25.k8s.ObjectMeta;
import org.cdk8s.plus25.k8s.PodDisruptionBudgetSpec;
import org.cdk8s.plus25.k8s.PodTemplateSpec;
import org.cdk8s.plus25.k8s.RollingUpdateDeployment;
import org.cdk8s.plus25.k8s.ServicePort;
import org.cdk8s.plus25.k8s.ServiceSpec;
import software.constructs.Construct;

/** The objects every stateless workload has: Deployment, ClusterIP Service and disruption budget. */
public final class Workloads {

    private Workloads() {}

    /** @param replicas fixed count, or null where an HPA owns it */
    public static void deployment(Construct scope, Target target, Component c, Integer replicas, PodTemplateSpec pods) {
        DeploymentSpec.Builder spec = DeploymentSpec.builder()
                .selector(LabelSelector.builder().matchLabels(Meta.selector(c, c.name())).build())
                .revisionHistoryLimit(5)
                // New pods come up before old ones go: a rollout never lowers capacity.
                .strategy(DeploymentStrategy.builder().type("RollingUpdate")
                        .rollingUpdate(RollingUpdateDeployment.builder()
                                .maxSurge(IntOrString.fromString("25%"))
                                .maxUnavailable(IntOrString.fromNumber(0)).build())
                        .build())
                .template(pods);
        if (replicas != null) {
            spec.replicas(replicas);
        }
        new KubeDeployment(scope, "deployment", KubeDeploymentProps.builder()
                .metadata(meta(target, c, c.name())).spec(spec.build()).build());
    }

    /** @param number the Service's port for each of the component's ports */
    public static void service(Construct scope, Target target, Component c, Function<Port, Integer> number,
                               Map<String, String> annotations) {
        new KubeService(scope, "service", KubeServiceProps.builder()
                .metadata(ObjectMeta.builder().name(c.name()).namespace(target.namespace())
                        .labels(Meta.labels(c, c.name())).annotations(annotations).build())
                .spec(ServiceSpec.builder().type("ClusterIP").selector(Meta.selector(c.name()))
                        .ports(c.ports().stream().map(p -> ServicePort.builder().name(p.name()).port(number.apply(p))
                                .targetPort(IntOrString.fromString(p.name())).protocol(p.protocol().name()).build()).toList())
                        .build())
                .build());
    }

    /** Voluntary disruptions (node drains, upgrades) take one pod of a component at a time. */
    public static void disruptionBudget(Construct scope, Target target, Component c) {
        new KubePodDisruptionBudget(scope, "pdb", KubePodDisruptionBudgetProps.builder()
                .metadata(meta(target, c, c.name()))
                .spec(PodDisruptionBudgetSpec.builder()
                        .maxUnavailable(IntOrString.fromNumber(1))
                        .selector(LabelSelector.builder().matchLabels(Meta.selector(c.name())).build())
                        .build())
                .build());
    }

    public static List<String> shell(String script) {
        return List.of("/bin/sh", "-c", script);
    }
}
