package io.shopplatform.infra.deploy;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.shopplatform.infra.cluster.Gke;
import io.shopplatform.infra.config.StackConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's add-ons and the Argo CD bootstrap, through a Kubernetes provider bound to the new cluster. Pulumi
 * installs what the manifests need to exist (CRDs, their controllers, the custom metrics API) and the Argo CD
 * Application; Argo CD then syncs the manifests themselves. Nothing here applies them, so nothing has two owners.
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
        Map<Addon, Release> addons = new LinkedHashMap<>();
        // Add-on pods need nodes to become ready on.
        Addons.ALL.forEach(addon -> addons.put(addon, addon(config, provider, addon, gke.nodePools())));
        List<Resource> serving = Addons.serving(chart.apis()).stream().<Resource>map(addons::get).toList();
        new Release(config.prefix() + "-bootstrap", ReleaseArgs.builder()
                .name(BOOTSTRAP_RELEASE)
                .chart(chart.directory().toString())
                .namespace(Addons.ARGOCD_NAMESPACE)
                // Pulumi does not look into a local chart's files: the digest makes a new Application an upgrade.
                .values(Map.of("manifestsDigest", chart.digest()))
                .atomic(true)
                .timeout(READY_TIMEOUT_SECONDS)
                .build(),
                // Argo CD's first sync must find every CRD and API the manifests use.
                CustomResourceOptions.builder().provider(provider).dependsOn(serving).build());
    }

    private static Release addon(StackConfig config, Provider provider, Addon addon, List<? extends Resource> nodePools) {
        return new Release(config.prefix() + "-" + addon.name(), ReleaseArgs.builder()
                .name(addon.name())
                .chart(addon.chart())
                .version(addon.version())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(addon.repo()).build())
                .namespace(addon.namespace())
                .createNamespace(true)
                .values(addon.values())
                .skipAwait(!addon.awaitReady())
                .timeout(READY_TIMEOUT_SECONDS)
                .build(),
                CustomResourceOptions.builder().provider(provider).dependsOn(List.copyOf(nodePools)).build());
    }
}
