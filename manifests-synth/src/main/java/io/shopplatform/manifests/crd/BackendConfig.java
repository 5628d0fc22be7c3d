package io.shopplatform.manifests.crd;

/** GKE Ingress: how the Google load balancer checks a backend's health. */
public final class BackendConfig {
    public static final CustomResource.Type TYPE = new CustomResource.Type("cloud.google.com/v1", "BackendConfig");

    private BackendConfig() {}

    public record Spec(HealthCheck healthCheck) {}

    public record HealthCheck(String type, String requestPath, Integer port, Integer checkIntervalSec) {}
}
