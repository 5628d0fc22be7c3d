package io.shopplatform.infra.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.kms.CryptoKey;
import com.pulumi.gcp.kms.CryptoKeyArgs;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.CryptoKeyIAMMemberArgs;
import com.pulumi.gcp.kms.KeyRing;
import com.pulumi.gcp.kms.KeyRingArgs;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.inputs.GetProjectArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.project.Apis;

/**
 * Application-layer encryption of the cluster's Secrets: etcd holds them encrypted with a Cloud KMS key of the
 * project, which GKE's service agent may use and nobody else needs to. Key rings and keys cannot be deleted in GCP;
 * `pulumi destroy` only forgets them (and production refuses to).
 *
 * @param grant the service agent's use of the key, which the cluster waits for
 */
public record SecretsEncryption(CryptoKey key, CryptoKeyIAMMember grant) {

    /** Key material is replaced every 90 days; older versions stay to decrypt what they encrypted. */
    static final String ROTATION = 90 * 24 * 3600 + "s";
    static final String ENCRYPTER_DECRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

    public static SecretsEncryption declare(StackConfig config, Apis apis) {
        var protect = CustomResourceOptions.builder().protect(config.protectsResources())
                .dependsOn(apis.needs(Apis.KMS)).build();
        var ring = new KeyRing(config.prefix() + "-keys", KeyRingArgs.builder()
                .name(config.prefix())
                .location(config.region())
                .build(), protect);
        var key = new CryptoKey(config.prefix() + "-cluster-secrets", CryptoKeyArgs.builder()
                .name("cluster-secrets")
                .keyRing(ring.id())
                .purpose("ENCRYPT_DECRYPT")
                .rotationPeriod(ROTATION)
                .build(), protect);
        // GKE's service agent exists once the Kubernetes Engine API is on; its name holds the project's number.
        Output<String> agent = OrganizationsFunctions.getProject(GetProjectArgs.builder()
                        .projectId(apis.projectOnceEnabled(Apis.CONTAINER))
                        .build())
                .applyValue(project -> "serviceAccount:service-" + project.number()
                        + "@container-engine-robot.iam.gserviceaccount.com");
        var grant = new CryptoKeyIAMMember(config.prefix() + "-gke-encrypts-secrets", CryptoKeyIAMMemberArgs.builder()
                .cryptoKeyId(key.id())
                .role(ENCRYPTER_DECRYPTER)
                .member(agent)
                .build(),
                CustomResourceOptions.builder().dependsOn(apis.needs(Apis.KMS, Apis.CONTAINER)).build());
        return new SecretsEncryption(key, grant);
    }
}
