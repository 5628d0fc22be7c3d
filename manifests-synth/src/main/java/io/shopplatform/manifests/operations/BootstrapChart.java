package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.network.NetworkChart;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus25.k8s.KubeNamespace;
import org.cdk8s.plus25.k8s.KubeNamespaceProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * What infra/ applies itself, as {@value #FILE}: the environment's namespace, which must exist before infra/ writes
 * the Secrets the workloads read, and the Argo CD Application that syncs every other file of the environment. Argo
 * CD leaves this file out of its sync, so each object has exactly one owner.
 */
public final class BootstrapChart extends Chart {
    public static final String ID = "bootstrap";
    /** The file cdk8s writes this chart to (one file per chart, named after it). */
    public static final String FILE = ID + ".k8s.yaml";

    public BootstrapChart(Construct scope, Target target) {
        super(scope, ID, ChartProps.builder().disableResourceNameHashes(true).build());
        String ns = target.namespace();
        new KubeNamespace(this, "namespace", KubeNamespaceProps.builder()
                .metadata(ObjectMeta.builder().name(ns).labels(NetworkChart.namespaceLabels(ns)).build()).build());
        new GitOps(this, target);
    }
}
