package io.shopplatform.manifests.network;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.BackendConfig;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.ManagedCertificate;
import io.shopplatform.model.Component;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdk8s.plus25.k8s.HttpIngressPath;
import org.cdk8s.plus25.k8s.HttpIngressRuleValue;
import org.cdk8s.plus25.k8s.IngressBackend;
import org.cdk8s.plus25.k8s.IngressRule;
import org.cdk8s.plus25.k8s.IngressServiceBackend;
import org.cdk8s.plus25.k8s.IngressSpec;
import org.cdk8s.plus25.k8s.KubeIngress;
import org.cdk8s.plus25.k8s.KubeIngressProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import org.cdk8s.plus25.k8s.ServiceBackendPort;
import software.constructs.Construct;

/**
 * The public entrance: a GKE Ingress (Google's external load balancer) on the environment's reserved global address
 * terminates TLS on 443 with a Google-managed certificate for the stack's domain, and sends requests straight to the
 * public service's pods (container-native load balancing), through its Service's port 80. infra/ reserves the address
 * ({@code Environment.publicAddress()}); the certificate is issued once the domain's DNS points at it. With a storefront
 * in the model, browsers get its pages and only the public API's prefix ({@code /api/...}) goes to the gateway: one
 * address, one certificate, one Ingress, a health check per backend, and Cloud CDN on the backends the model serves
 * through it ({@link io.shopplatform.model.EdgeCache#CDN}).
 */
public final class FrontDoor extends Construct {
    public static final int HTTP = 80;
    public static final int HTTPS = 443;
    /** Google's load balancers and their health checks connect from these ranges. */
    public static final List<String> GOOGLE_LOAD_BALANCERS = List.of("35.191.0.0/16", "130.211.0.0/22");
    /** GKE's Ingress annotations naming the reserved address and the managed certificates to serve. */
    public static final String STATIC_ADDRESS = "kubernetes.io/ingress.global-static-ip-name";
    public static final String MANAGED_CERTIFICATES = "networking.gke.io/managed-certificates";
    /**
     * The load balancer checks readiness on the serving port (its only edge to the gateway): Spring Boot serves the
     * readiness group there as /readyz with {@code management.endpoint.health.probes.add-additional-paths=true}.
     */
    public static final String HEALTH_PATH = "/readyz";

    public FrontDoor(Construct scope, Target target, Component service) {
        super(scope, "front-door");
        CustomResource.create(this, "backend-config", BackendConfig.TYPE, Meta.meta(target, service, service.name()),
                new BackendConfig.Spec(new BackendConfig.HealthCheck("HTTP", HEALTH_PATH, service.mainPort().number(), 5),
                        cdn(service)));
        if (!service.name().equals(entrance(target.platform()))) {
            return;     // a backend of the entrance's Ingress
        }
        CustomResource.create(this, "certificate", ManagedCertificate.TYPE, Meta.meta(target, service, service.name()),
                new ManagedCertificate.Spec(List.of(target.site().domain())));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("kubernetes.io/ingress.class", "gce");
        annotations.put("kubernetes.io/ingress.allow-http", "true");
        annotations.put(STATIC_ADDRESS, target.env().publicAddress());
        annotations.put(MANAGED_CERTIFICATES, service.name());
        new KubeIngress(this, "ingress", KubeIngressProps.builder()
                .metadata(ObjectMeta.builder().name(service.name()).namespace(target.namespace())
                        .labels(Meta.labels(service, service.name())).annotations(annotations).build())
                .spec(spec(target.platform(), service))
                .build());
    }

    /**
     * Cloud CDN on the backend of a component the model serves through it (the seed's L4 cache): it keeps only what
     * the component's answers mark public, for as long as they say, keyed on host, scheme, path and query; a page
     * (which sets cookies and is never public) passes through, so no shopper is ever served another's.
     */
    static Optional<BackendConfig.Cdn> cdn(Component service) {
        return switch (service.edgeCache()) {
            case NONE -> Optional.empty();
            case CDN -> Optional.of(new BackendConfig.Cdn(true, BackendConfig.USE_ORIGIN_HEADERS,
                    new BackendConfig.CachePolicy(true, true, true)));
        };
    }

    private static IngressSpec spec(Platform platform, Component entrance) {
        IngressSpec.Builder spec = IngressSpec.builder().defaultBackend(backend(entrance.name()));
        if (!entrance.name().equals(Shop.GATEWAY) && isPublic(platform, Shop.GATEWAY)) {
            spec.rules(List.of(IngressRule.builder().http(HttpIngressRuleValue.builder().paths(List.of(
                    HttpIngressPath.builder().path(Shop.PUBLIC_API.prefix() + "/*").pathType("ImplementationSpecific")
                            .backend(backend(Shop.GATEWAY)).build())).build()).build()));
        }
        return spec.build();
    }

    private static IngressBackend backend(String service) {
        return IngressBackend.builder().service(IngressServiceBackend.builder()
                .name(service).port(ServiceBackendPort.builder().number(HTTP).build()).build()).build();
    }

    /** The Ingress's owner and default backend: the storefront when the model has one, else the gateway. */
    public static String entrance(Platform platform) {
        return isPublic(platform, Shop.STOREFRONT) ? Shop.STOREFRONT : Shop.GATEWAY;
    }

    /** A component the load balancer reaches, according to the model's edges. */
    public static boolean isPublic(Platform platform, String component) {
        return platform.mayConnect(Shop.INGRESS, component);
    }

    /**
     * Annotations on the public Service: container-native load balancing, checked (and cached, where the model says
     * so) as the BackendConfig above says.
     */
    public static Map<String, String> serviceAnnotations(Component service) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("cloud.google.com/neg", "{\"ingress\": true}");
        a.put("cloud.google.com/backend-config", "{\"default\": \"" + service.name() + "\"}");
        return a;
    }
}
