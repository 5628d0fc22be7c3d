package io.shopplatform.infra.deploy;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.shopplatform.infra.cluster.Gke;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.secrets.ClusterSecrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cluster's namespaces, Secrets, add-ons and the Argo CD bootstrap, through a Kubernetes provider bound to the new
 * cluster. Pulumi installs what the manifests need to exist (namespaces, Secrets, CRDs, their controllers, the custom
 * metrics API) and the Argo CD Application; Argo CD then syncs the manifests themselves. Nothing here applies them, so
 * nothing has two owners.
 */
public final class Deployment {

    public static final String BOOTSTRAP_RELEASE = "shop-bootstrap";
    /** Helm's wait for a release's objects to become ready, in seconds (kube-prometheus-stack is the slowest). */
    static final int READY_TIMEOUT_SECONDS = 900;

    private Deployment() {}

    public static void declare(StackConfig config, Gke gke, ManifestChart chart) {
        var provider = new Provider(config.prefix() + "-gke", ProviderArgs.builder()
                .kubeconfig(gke.kubeconfig())
                .build());
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        Addons.namespaces().forEach(ns -> namespaces.put(ns, namespace(config, provider, ns, Map.of())));
        namespaces.put(chart.namespace().name(),
                namespace(config, provider, chart.namespace().name(), chart.namespace().labels()));
        List<Secret> secrets = ClusterSecrets.declare(config, provider, namespaces);

        Map<Addon, Release> addons = new LinkedHashMap<>();
        // Add-on pods need nodes to become ready on, and the Secrets they read.
        List<Resource> beforeAddons = Stream.<Resource>concat(gke.nodePools().stream(), secrets.stream()).toList();
        Addons.ALL.forEach(addon -> addons.put(addon,
                addon(config, provider, addon, namespaces.get(addon.namespace()), beforeAddons)));
        // Argo CD's first sync must find every CRD and API the manifests use, and every Secret they reference.
        List<Resource> beforeSync = Stream.<Resource>concat(
                Addons.serving(chart.apis()).stream().map(addons::get), secrets.stream()).toList();
        new Release(config.prefix() + "-bootstrap", ReleaseArgs.builder()
                .name(BOOTSTRAP_RELEASE)
                .chart(chart.directory().toString())
                .namespace(Addons.ARGOCD_NAMESPACE)
                // Pulumi does not look into a local chart's files: the digest makes a new Application an upgrade.
                .values(Map.of("manifestsDigest", chart.digest()))
                .atomic(true)
                .timeout(READY_TIMEOUT_SECONDS)
                .build(),
                CustomResourceOptions.builder().provider(provider).dependsOn(beforeSync).build());
    }

    private static Namespace namespace(StackConfig config, Provider provider, String name, Map<String, String> labels) {
        return new Namespace(config.prefix() + "-namespace-" + name, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).labels(labels).build())
                .build(),
                CustomResourceOptions.builder().provider(provider).build());
    }

    private static Release addon(StackConfig config, Provider provider, Addon addon, Namespace namespace,
                                 List<Resource> before) {
        return new Release(config.prefix() + "-" + addon.name(), ReleaseArgs.builder()
                .name(addon.name())
                .chart(addon.chart())
                .version(addon.version())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(addon.repo()).build())
                .namespace(addon.namespace())
                .createNamespace(false)
                .values(addon.values())
                .skipAwait(!addon.awaitReady())
                .timeout(READY_TIMEOUT_SECONDS)
                .build(),
                CustomResourceOptions.builder().provider(provider)
                        .dependsOn(Stream.concat(Stream.of(namespace), before.stream()).toList()).build());
    }
}
