package io.shopplatform.manifests.rbac;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.credentials.Credentials;
import io.shopplatform.model.BackupBuckets;
import io.shopplatform.model.Component;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.KubeServiceAccount;
import org.cdk8s.plus25.k8s.KubeServiceAccountProps;
import org.cdk8s.plus25.k8s.LocalObjectReference;
import org.cdk8s.plus25.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * One ServiceAccount per workload, with no API token mounted: no workload of the platform calls the API. Workloads
 * whose image is in the private registry pull it with the registry credential.
 */
public final class Accounts {
    /** Workload identity: the Google service account this Kubernetes one acts as. */
    public static final String GOOGLE_SERVICE_ACCOUNT = "iam.gke.io/gcp-service-account";

    private Accounts() {}

    /**
     * The component's ServiceAccount; one that reaches the backup bucket (the model's {@link BackupBuckets#ACCESS})
     * acts as the Google service account infra/ grants that access to.
     */
    public static String serviceAccount(Construct scope, Target target, Component c) {
        return serviceAccount(scope, target, c, BackupBuckets.ACCESS.containsKey(c.name())
                ? Map.of(GOOGLE_SERVICE_ACCOUNT, target.site().googleServiceAccount(c.name())) : Map.of());
    }

    public static String serviceAccount(Construct scope, Target target, Component c, Map<String, String> annotations) {
        ObjectMeta meta = ObjectMeta.builder().name(c.name()).namespace(target.namespace())
                .labels(Meta.labels(c, c.name())).annotations(annotations).build();
        var account = KubeServiceAccountProps.builder().metadata(meta).automountServiceAccountToken(false);
        if (Credentials.pullsFromPrivateRegistry(c)) {
            account.imagePullSecrets(List.of(LocalObjectReference.builder().name(Credentials.REGISTRY_PULL).build()));
        }
        new KubeServiceAccount(scope, "service-account", account.build());
        return c.name();
    }
}
