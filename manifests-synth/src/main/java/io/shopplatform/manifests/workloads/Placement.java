package io.shopplatform.manifests.workloads;

import io.shopplatform.manifests.Target;
import io.shopplatform.model.Component;
import io.shopplatform.model.NodePool;
import io.shopplatform.model.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdk8s.plus25.k8s.Affinity;
import org.cdk8s.plus25.k8s.LabelSelector;
import org.cdk8s.plus25.k8s.NodeAffinity;
import org.cdk8s.plus25.k8s.NodeSelector;
import org.cdk8s.plus25.k8s.NodeSelectorRequirement;
import org.cdk8s.plus25.k8s.NodeSelectorTerm;
import org.cdk8s.plus25.k8s.PodAffinityTerm;
import org.cdk8s.plus25.k8s.PodAntiAffinity;
import org.cdk8s.plus25.k8s.Toleration;
import org.cdk8s.plus25.k8s.TopologySpreadConstraint;
import org.cdk8s.plus25.k8s.WeightedPodAffinityTerm;

/**
 * Where a component's pods may run: on its node pool only (tolerating the pool's taint, if any),
 * spread evenly over the zones, and apart from each other within a zone.
 */
public final class Placement {
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String HOST = "kubernetes.io/hostname";

    private Placement() {}

    /** @param zone pins the pods to one zone (PostgreSQL's per-zone members); empty spreads them */
    public static Affinity affinity(Target target, Component c, Map<String, String> pods, Optional<String> zone) {
        List<NodeSelectorRequirement> node = new ArrayList<>();
        node.add(in(NodePool.LABEL, pool(target, c).name()));
        zone.ifPresent(z -> node.add(in(ZONE, z)));
        return Affinity.builder()
                .nodeAffinity(NodeAffinity.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(NodeSelector.builder()
                                .nodeSelectorTerms(List.of(NodeSelectorTerm.builder().matchExpressions(node).build()))
                                .build())
                        .build())
                .podAntiAffinity(PodAntiAffinity.builder()
                        .preferredDuringSchedulingIgnoredDuringExecution(List.of(apart(pods, ZONE), apart(pods, HOST)))
                        .build())
                .build();
    }

    public static List<Toleration> tolerations(Target target, Component c) {
        return pool(target, c).taint().map(t -> List.of(Toleration.builder()
                .key(t.key()).operator("Equal").value(t.value()).effect(Taint.EFFECT).build())).orElse(List.of());
    }

    /** Zone failure must leave two thirds of every component running: at most one pod of skew between zones. */
    public static List<TopologySpreadConstraint> spread(Map<String, String> pods) {
        return List.of(TopologySpreadConstraint.builder()
                .topologyKey(ZONE)
                .maxSkew(1)
                .whenUnsatisfiable("DoNotSchedule")
                .labelSelector(LabelSelector.builder().matchLabels(pods).build())
                .build());
    }

    private static NodePool pool(Target target, Component c) {
        return target.platform().nodePool(c.nodePool().orElseThrow(() -> new IllegalArgumentException(c.name() + " has no node pool")));
    }

    private static NodeSelectorRequirement in(String key, String value) {
        return NodeSelectorRequirement.builder().key(key).operator("In").values(List.of(value)).build();
    }

    private static WeightedPodAffinityTerm apart(Map<String, String> pods, String topology) {
        return WeightedPodAffinityTerm.builder()
                .weight(100)
                .podAffinityTerm(PodAffinityTerm.builder()
                        .topologyKey(topology)
                        .labelSelector(LabelSelector.builder().matchLabels(pods).build())
                        .build())
                .build();
    }
}
