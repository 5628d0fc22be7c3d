package io.shopplatform.manifests.crd;

import java.util.Optional;

/** GKE Ingress: how the Google load balancer checks a backend's health, and whether Cloud CDN serves it. */
public final class BackendConfig {
    public static final CustomResource.Type TYPE = new CustomResource.Type("cloud.google.com/v1", "BackendConfig");
    /** Cloud CDN caches only what the backend's answers allow (Cache-Control public, no Set-Cookie). */
    public static final String USE_ORIGIN_HEADERS = "USE_ORIGIN_HEADERS";

    private BackendConfig() {}

    public record Spec(HealthCheck healthCheck, Optional<Cdn> cdn) {}

    public record HealthCheck(String type, String requestPath, Integer port, Integer checkIntervalSec) {}

    /** Cloud CDN on the backend: which answers it keeps ({@code cacheMode}) and what tells two of them apart. */
    public record Cdn(boolean enabled, String cacheMode, CachePolicy cachePolicy) {}

    /** The cache key beyond the path, which is always in it; cookies cannot be part of it here. */
    public record CachePolicy(boolean includeHost, boolean includeProtocol, boolean includeQueryString) {}
}
