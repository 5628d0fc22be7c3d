package io.shopplatform.manifests.workloads;

import static io.shopplatform.manifests.Meta.meta;

import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.Units;
import io.shopplatform.manifests.credentials.Credentials;
import io.shopplatform.manifests.network.FrontDoor;
import io.shopplatform.manifests.rbac.Accounts;
import io.shopplatform.model.Autoscaling;
import io.shopplatform.model.Component;
import io.shopplatform.model.CustomMetric;
import io.shopplatform.model.Port;
import io.shopplatform.model.ScalingStep;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Termination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.ConfigMapEnvSource;
import org.cdk8s.plus25.k8s.Container;
import org.cdk8s.plus25.k8s.ContainerPort;
import org.cdk8s.plus25.k8s.CrossVersionObjectReferenceV2;
import org.cdk8s.plus25.k8s.EnvFromSource;
import org.cdk8s.plus25.k8s.EnvVar;
import org.cdk8s.plus25.k8s.ExecAction;
import org.cdk8s.plus25.k8s.HorizontalPodAutoscalerBehaviorV2;
import org.cdk8s.plus25.k8s.HorizontalPodAutoscalerSpecV2;
import org.cdk8s.plus25.k8s.HpaScalingPolicyV2;
import org.cdk8s.plus25.k8s.HpaScalingRulesV2;
import org.cdk8s.plus25.k8s.HttpGetAction;
import org.cdk8s.plus25.k8s.IntOrString;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import org.cdk8s.plus25.k8s.KubeHorizontalPodAutoscalerV2;
import org.cdk8s.plus25.k8s.KubeHorizontalPodAutoscalerV2Props;
import org.cdk8s.plus25.k8s.Lifecycle;
import org.cdk8s.plus25.k8s.LifecycleHandler;
import org.cdk8s.plus25.k8s.MetricIdentifierV2;
import org.cdk8s.plus25.k8s.MetricSpecV2;
import org.cdk8s.plus25.k8s.MetricTargetV2;
import org.cdk8s.plus25.k8s.PodsMetricSourceV2;
import org.cdk8s.plus25.k8s.Probe;
import org.cdk8s.plus25.k8s.ResourceMetricSourceV2;
import software.constructs.Construct;

/**
 * One Spring Boot service: Deployment, Service, ServiceAccount, ConfigMap, HPA and PDB.
 * The HPA owns the replica count, so the Deployment declares none (a sync would otherwise reset it).
 */
public final class ServiceWorkload extends Construct {
    /** Services run as this unprivileged user (set in their Jib images). */
    public static final int UID = 1000;
    public static final String LIVENESS = "/actuator/health/liveness";
    public static final String READINESS = "/actuator/health/readiness";
    /** Spring Boot's graceful-shutdown timeout (server.shutdown is graceful in every service), from the model. */
    public static final String SHUTDOWN_TIMEOUT = "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE";

    /** @param scaleTarget what the HPA scales: the Deployment, or the canary Rollout that runs its pods */
    public record Props(Target target, Component service, ScaleTarget scaleTarget) {}

    public record ScaleTarget(String apiVersion, String kind, String name) {}

    public ServiceWorkload(Construct scope, Props props) {
        super(scope, props.service().name());
        Target target = props.target();
        Component service = props.service();
        String name = service.name();
        String account = Accounts.serviceAccount(this, target, service);

        new KubeConfigMap(this, "config", KubeConfigMapProps.builder()
                .metadata(meta(target, service, configMap(name)))
                .data(Endpoints.plainValues(target, name))
                .build());

        Workloads.deployment(this, target, service, null, Pods.template(Pods.Props.builder(target, service)
                .serviceAccount(account).uid(UID).containers(List.of(container(target, service))).build()));
        boolean front = FrontDoor.isPublic(target.platform(), name);
        Workloads.service(this, target, service, p -> servicePort(target, service, p),
                front ? FrontDoor.serviceAnnotations(service) : Map.of());
        if (front) {
            new FrontDoor(this, target, service);
        }
        autoscaler(target, service, props.scaleTarget());
        Workloads.disruptionBudget(this, target, service);
    }

    public static String configMap(String service) {
        return service + "-config";
    }

    private static Container container(Target target, Component service) {
        Termination termination = target.platform().termination();
        List<EnvVar> env = new ArrayList<>(List.of(EnvVar.builder().name(SHUTDOWN_TIMEOUT)
                .value(termination.shutdownTimeout().toSeconds() + "s").build()));
        Endpoints.secrets(target, service.name()).stream()
                .map(v -> Pods.secretEnv(v.name(), Credentials.serviceSecret(service.name()), v.name())).forEach(env::add);
        Container.Builder c = Pods.container(service.name(), service.image().orElseThrow(), service.resources(), List.of())
                .ports(service.ports().stream()
                        .map(p -> ContainerPort.builder().name(p.name()).containerPort(p.number()).protocol("TCP").build())
                        .toList())
                .envFrom(List.of(EnvFromSource.builder()
                        .configMapRef(ConfigMapEnvSource.builder().name(configMap(service.name())).build()).build()))
                // Serve on while the load balancer and kube-proxy stop routing here, then let Spring drain.
                .lifecycle(Lifecycle.builder().preStop(LifecycleHandler.builder().exec(ExecAction.builder()
                        .command(List.of("sleep", String.valueOf(termination.preStopPause().toSeconds()))).build())
                        .build()).build())
                // The JVM may start slowly on a small CPU request: liveness waits until startup has passed.
                .startupProbe(probe(LIVENESS, 5, 36))
                .livenessProbe(probe(LIVENESS, 10, 3))
                .readinessProbe(probe(READINESS, 5, 3));
        return c.env(env).build();
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return Probe.builder()
                .httpGet(HttpGetAction.builder().path(path).port(IntOrString.fromString(Shop.MANAGEMENT.name())).build())
                .periodSeconds(periodSeconds)
                .failureThreshold(failureThreshold)
                .timeoutSeconds(2)
                .build();
    }

    /** The public service's API port is the front door's HTTP port; everything else keeps the model's numbers. */
    private static int servicePort(Target target, Component service, Port p) {
        boolean front = p.equals(service.mainPort()) && FrontDoor.isPublic(target.platform(), service.name());
        return front ? FrontDoor.HTTP : p.number();
    }

    private void autoscaler(Target target, Component service, ScaleTarget scaleTarget) {
        Autoscaling a = target.scaling(service);
        List<MetricSpecV2> metrics = new ArrayList<>();
        metrics.add(utilization("cpu", a.cpuTargetPercent()));
        a.memoryTargetPercent().ifPresent(m -> metrics.add(utilization("memory", m)));
        a.customMetric().ifPresent(m -> metrics.add(pods(m)));
        new KubeHorizontalPodAutoscalerV2(this, "hpa", KubeHorizontalPodAutoscalerV2Props.builder()
                .metadata(meta(target, service, service.name()))
                .spec(HorizontalPodAutoscalerSpecV2.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceV2.builder().apiVersion(scaleTarget.apiVersion())
                                .kind(scaleTarget.kind()).name(scaleTarget.name()).build())
                        .minReplicas(a.minReplicas())
                        .maxReplicas(a.maxReplicas())
                        .metrics(metrics)
                        .behavior(HorizontalPodAutoscalerBehaviorV2.builder()
                                .scaleUp(rules(a.scaleUp(), 0))
                                // Scale down waits one policy period of calm, so a dip does not shed capacity at once.
                                .scaleDown(rules(a.scaleDown(), (int) a.scaleDown().period().toSeconds()))
                                .build())
                        .build())
                .build());
    }

    private static MetricSpecV2 utilization(String resource, int percent) {
        return MetricSpecV2.builder().type("Resource")
                .resource(ResourceMetricSourceV2.builder().name(resource)
                        .target(MetricTargetV2.builder().type("Utilization").averageUtilization(percent).build())
                        .build())
                .build();
    }

    /** Served per pod by prometheus-adapter (see operations.MetricsAdapter). */
    private static MetricSpecV2 pods(CustomMetric m) {
        return MetricSpecV2.builder().type("Pods")
                .pods(PodsMetricSourceV2.builder()
                        .metric(MetricIdentifierV2.builder().name(m.hpaMetricName()).build())
                        .target(MetricTargetV2.builder().type("AverageValue")
                                .averageValue(Units.q(Units.quantity(m.hpaTarget()))).build())
                        .build())
                .build();
    }

    private static HpaScalingRulesV2 rules(ScalingStep step, int stabilizationSeconds) {
        return HpaScalingRulesV2.builder()
                .stabilizationWindowSeconds(stabilizationSeconds)
                .selectPolicy("Max")
                .policies(List.of(HpaScalingPolicyV2.builder().type("Percent").value(step.percent())
                        .periodSeconds((int) step.period().toSeconds()).build()))
                .build();
    }
}
