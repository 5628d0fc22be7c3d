package io.shopplatform.infra.secrets;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.deploy.Addons;
import io.shopplatform.infra.deploy.Monitoring;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.credentials.Credentials;
import io.shopplatform.model.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Secrets the cluster's workloads read, written before anything reads them: every Secret the manifests reference
 * ({@link Credentials}, in the environment's namespace), and those of the monitoring add-on (Alertmanager's routing
 * with the operator's pager and chat endpoints, Grafana's generated admin login).
 */
public final class ClusterSecrets {

    private ClusterSecrets() {}

    /** Declares the Secrets; {@code namespaces} by name, each already declared. */
    public static List<Secret> declare(StackConfig config, Provider provider, Map<String, Namespace> namespaces) {
        Passwords passwords = new Passwords(config);
        List<Secret> secrets = new ArrayList<>();
        for (Credentials.Secret secret : Credentials.of(target(config))) {
            secrets.add(secret(config, provider, namespaces, secret.namespace(), secret.name(), secret.type(),
                    secret.render(passwords)));
        }
        String monitoring = Addons.MONITORING_NAMESPACE;
        secrets.add(secret(config, provider, namespaces, monitoring, Monitoring.ALERTMANAGER_SECRET, Credentials.OPAQUE,
                Map.of(Monitoring.ALERTMANAGER_KEY, Monitoring.alertmanagerConfig(config.secrets().alerting()))));
        secrets.add(secret(config, provider, namespaces, monitoring, Monitoring.GRAFANA_SECRET, Credentials.OPAQUE, Map.of(
                Monitoring.GRAFANA_USER_KEY, Monitoring.GRAFANA_USER,
                Monitoring.GRAFANA_PASSWORD_KEY, passwords.password(Monitoring.GRAFANA_PASSWORD))));
        return secrets;
    }

    /** Every password purpose the stack generates, for {@code shop-platform:credentialRotations}. */
    public static SortedSet<String> purposes(Target target) {
        SortedSet<String> purposes = new TreeSet<>(Credentials.passwords(target));
        purposes.add(Monitoring.GRAFANA_PASSWORD);
        return purposes;
    }

    static Target target(StackConfig config) {
        return new Target(Shop.PLATFORM, config.environment(), config.site());
    }

    private static Secret secret(StackConfig config, Provider provider, Map<String, Namespace> namespaces,
                                 String namespace, String name, String type, Map<String, String> values) {
        Namespace created = namespaces.get(namespace);
        if (created == null) {
            throw new IllegalStateException("Secret " + name + " belongs in " + namespace + ", which nothing creates");
        }
        return new Secret(config.prefix() + "-" + namespace + "-" + name, SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).namespace(namespace).build())
                .type(type)
                .stringData(Output.ofSecret(values))
                .build(),
                CustomResourceOptions.builder().provider(provider).dependsOn(created).build());
    }
}
