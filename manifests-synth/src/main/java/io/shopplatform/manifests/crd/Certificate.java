package io.shopplatform.manifests.crd;

import java.util.List;

/**
 * cert-manager: a key pair and certificate it issues, renews and keeps in the Secret {@code secretName} (keys
 * {@code ca.crt}, {@code tls.crt}, {@code tls.key}).
 */
public final class Certificate {
    public static final CustomResource.Type TYPE = new CustomResource.Type("cert-manager.io/v1", "Certificate");

    private Certificate() {}

    /** {@code duration} and {@code renewBefore} in Go's duration syntax ({@code 8760h}). */
    public record Spec(String secretName, IssuerRef issuerRef, String commonName, List<String> dnsNames,
                       Boolean isCA, List<String> usages, String duration, String renewBefore, PrivateKey privateKey) {}

    public record IssuerRef(String name, String kind, String group) {
        public static IssuerRef issuer(String name) {
            return new IssuerRef(name, Issuer.TYPE.kind(), "cert-manager.io");
        }
    }

    /** {@code rotationPolicy: Always}: a renewal makes a new key, not only a new certificate. */
    public record PrivateKey(String algorithm, Integer size, String rotationPolicy) {}
}
