package io.shopplatform.manifests.crd;

/** cert-manager: who signs a namespace's Certificates; exactly one of the two ways is set. */
public final class Issuer {
    public static final CustomResource.Type TYPE = new CustomResource.Type("cert-manager.io/v1", "Issuer");

    private Issuer() {}

    public record Spec(SelfSigned selfSigned, Ca ca) {
        public static Spec signingItself() {
            return new Spec(new SelfSigned(), null);
        }

        /** Signs with the CA key pair cert-manager keeps in that Secret. */
        public static Spec signingWith(String secretName) {
            return new Spec(null, new Ca(secretName));
        }
    }

    public record SelfSigned() {}

    public record Ca(String secretName) {}
}
