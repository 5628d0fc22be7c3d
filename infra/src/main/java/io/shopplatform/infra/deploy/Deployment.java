package io.shopplatform.infra.deploy;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.shopplatform.infra.cluster.Gke;
import io.shopplatform.infra.config.StackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shop on the new cluster: the synthesized manifests as one Helm release, through a provider bound to it. */
public final class Deployment {

    public static final String RELEASE_NAME = "shop";
    /** Helm's wait for the release's objects to become ready, in seconds. */
    static final int READY_TIMEOUT_SECONDS = 900;

    private Deployment() {}

    public static Release declare(StackConfig config, Gke gke, ManifestChart chart) {
        var provider = new Provider(config.prefix() + "-gke", ProviderArgs.builder()
                .kubeconfig(gke.kubeconfig())
                .build());
        List<Resource> before = new ArrayList<>(gke.nodePools());
        chart.namespaces().forEach(ns -> before.add(new Namespace(config.prefix() + "-namespace-" + ns.name(),
                NamespaceArgs.builder()
                        .metadata(ObjectMetaArgs.builder()
                                .name(ns.name())
                                .labels(ns.labels())
                                .annotations(ns.annotations())
                                .build())
                        .build(),
                CustomResourceOptions.builder().provider(provider).build())));
        String namespace = config.environment().namespace();
        return new Release(config.prefix() + "-manifests", ReleaseArgs.builder()
                .name(RELEASE_NAME)
                .chart(chart.directory().toString())
                .namespace(namespace)
                .createNamespace(chart.namespaces().stream().noneMatch(ns -> ns.name().equals(namespace)))
                // Pulumi does not look into a local chart's files: the digest makes new manifests an upgrade.
                .values(Map.of("manifestsDigest", chart.digest()))
                .atomic(true)
                .timeout(READY_TIMEOUT_SECONDS)
                .build(),
                // Workloads need nodes to become ready on.
                CustomResourceOptions.builder().provider(provider).dependsOn(before).build());
    }
}
