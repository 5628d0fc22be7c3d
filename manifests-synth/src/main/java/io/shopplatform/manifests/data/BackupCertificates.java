package io.shopplatform.manifests.data;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.Certificate;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.Issuer;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.stream.IntStream;
import software.constructs.Construct;

/**
 * The backup servers' TLS, issued by cert-manager (an add-on infra/ installs): a CA of the namespace's own (a
 * self-signed root whose key never leaves its Secret), a server certificate naming every member host the backup job
 * dials (pgBackRest checks the name), and the backup job's client certificate, whose common name is the only client
 * the servers accept. The Secrets carry the keys data-tier's scripts read ({@link Credentials#CA},
 * {@link Credentials#CERTIFICATE}, {@link Credentials#KEY}); locally platform-local makes the same files with openssl.
 */
final class BackupCertificates {
    static final String ROOT_ISSUER = "backup-root", CA_ISSUER = "backup-ca", CA_SECRET = "pgbackrest-ca";
    /** Issued certificates live a year and are renewed a month before they end. */
    static final String DURATION = "8760h", RENEW_BEFORE = "720h", CA_DURATION = "87600h";

    private BackupCertificates() {}

    static void add(Construct scope, Target target) {
        Component postgres = target.platform().component(Shop.POSTGRES);
        issuer(scope, target, postgres, ROOT_ISSUER, Issuer.Spec.signingItself());
        certificate(scope, target, postgres, new Certificate.Spec(CA_SECRET, Certificate.IssuerRef.issuer(ROOT_ISSUER),
                "shop-backup-ca", null, true, List.of("cert sign", "crl sign"), CA_DURATION, null, key()));
        issuer(scope, target, postgres, CA_ISSUER, Issuer.Spec.signingWith(CA_SECRET));
        List<String> members = IntStream.range(0, target.instances(postgres))
                .mapToObj(i -> ClusterTopology.memberHost(target, i)).toList();
        certificate(scope, target, postgres, issued(Credentials.BACKUP_SERVER_TLS, "backup-server", members, "server auth"));
        certificate(scope, target, postgres, issued(Credentials.BACKUP_CLIENT_TLS, Credentials.BACKUP_CLIENT, null, "client auth"));
    }

    private static Certificate.Spec issued(String secret, String commonName, List<String> dnsNames, String usage) {
        return new Certificate.Spec(secret, Certificate.IssuerRef.issuer(CA_ISSUER), commonName, dnsNames, null,
                List.of("digital signature", "key encipherment", usage), DURATION, RENEW_BEFORE, key());
    }

    private static Certificate.PrivateKey key() {
        return new Certificate.PrivateKey("RSA", 2048, "Always");   // as platform-local's openssl makes them
    }

    private static void issuer(Construct scope, Target target, Component c, String name, Issuer.Spec spec) {
        CustomResource.create(scope, "issuer-" + name, Issuer.TYPE, Meta.meta(target, c, name), spec);
    }

    private static void certificate(Construct scope, Target target, Component c, Certificate.Spec spec) {
        CustomResource.create(scope, "certificate-" + spec.secretName(), Certificate.TYPE,
                Meta.meta(target, c, spec.secretName()), spec);
    }
}
