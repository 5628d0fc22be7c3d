package io.shopplatform.manifests.network;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.BackendConfig;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.model.Component;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.IngressBackend;
import org.cdk8s.plus25.k8s.IngressServiceBackend;
import org.cdk8s.plus25.k8s.IngressSpec;
import org.cdk8s.plus25.k8s.IngressTls;
import org.cdk8s.plus25.k8s.KubeIngress;
import org.cdk8s.plus25.k8s.KubeIngressProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import org.cdk8s.plus25.k8s.ServiceBackendPort;
import software.constructs.Construct;

/**
 * The public entrance: a GKE Ingress (Google's external load balancer) terminates TLS on 443 and sends requests
 * straight to the public service's pods (container-native load balancing), through its Service's port 80.
 */
public final class FrontDoor extends Construct {
    public static final int HTTP = 80;
    public static final int HTTPS = 443;
    /** Google's load balancers and their health checks connect from these ranges. */
    public static final List<String> GOOGLE_LOAD_BALANCERS = List.of("35.191.0.0/16", "130.211.0.0/22");
    /** The TLS certificate and key, provisioned outside the manifests (referenced, never inlined). */
    public static final String TLS_SECRET = "gateway-tls";
    /**
     * The load balancer checks readiness on the serving port (its only edge to the gateway): Spring Boot serves the
     * readiness group there as /readyz with {@code management.endpoint.health.probes.add-additional-paths=true}.
     */
    public static final String HEALTH_PATH = "/readyz";

    public FrontDoor(Construct scope, Target target, Component service) {
        super(scope, "front-door");
        CustomResource.create(this, "backend-config", BackendConfig.TYPE, Meta.meta(target, service, service.name()),
                new BackendConfig.Spec(new BackendConfig.HealthCheck("HTTP", HEALTH_PATH, service.mainPort().number(), 5)));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("kubernetes.io/ingress.class", "gce");
        annotations.put("kubernetes.io/ingress.allow-http", "true");
        new KubeIngress(this, "ingress", KubeIngressProps.builder()
                .metadata(ObjectMeta.builder().name(service.name()).namespace(target.namespace())
                        .labels(Meta.labels(service, service.name())).annotations(annotations).build())
                .spec(IngressSpec.builder()
                        .tls(List.of(IngressTls.builder().secretName(TLS_SECRET).build()))
                        .defaultBackend(IngressBackend.builder().service(IngressServiceBackend.builder()
                                .name(service.name()).port(ServiceBackendPort.builder().number(HTTP).build()).build()).build())
                        .build())
                .build());
    }

    /** A component the load balancer reaches, according to the model's edges. */
    public static boolean isPublic(Platform platform, String component) {
        return platform.mayConnect(Shop.INGRESS, component);
    }

    /** Annotations on the public Service: container-native load balancing, checked by the BackendConfig above. */
    public static Map<String, String> serviceAnnotations(Component service) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("cloud.google.com/neg", "{\"ingress\": true}");
        a.put("cloud.google.com/backend-config", "{\"default\": \"" + service.name() + "\"}");
        return a;
    }
}
