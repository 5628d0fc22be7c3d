package io.shopplatform.manifests.crd;

import java.util.List;

/** GKE Ingress: a certificate Google issues and renews for the listed domains, once their DNS points at the Ingress. */
public final class ManagedCertificate {
    public static final CustomResource.Type TYPE = new CustomResource.Type("networking.gke.io/v1", "ManagedCertificate");

    private ManagedCertificate() {}

    public record Spec(List<String> domains) {}
}
