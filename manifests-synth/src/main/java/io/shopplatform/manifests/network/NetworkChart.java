package io.shopplatform.manifests.network;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.model.Component;
import io.shopplatform.model.Edge;
import io.shopplatform.model.Kind;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus25.k8s.IntOrString;
import org.cdk8s.plus25.k8s.IpBlock;
import org.cdk8s.plus25.k8s.KubeNetworkPolicy;
import org.cdk8s.plus25.k8s.KubeNetworkPolicyProps;
import org.cdk8s.plus25.k8s.LabelSelector;
import org.cdk8s.plus25.k8s.NetworkPolicyEgressRule;
import org.cdk8s.plus25.k8s.NetworkPolicyIngressRule;
import org.cdk8s.plus25.k8s.NetworkPolicyPeer;
import org.cdk8s.plus25.k8s.NetworkPolicyPort;
import org.cdk8s.plus25.k8s.NetworkPolicySpec;
import org.cdk8s.plus25.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * Zero trust: the namespace denies all traffic in and out, then each edge of the model opens exactly one port
 * from one component to another: an ingress rule on the callee and, where the caller is ours, an egress rule on
 * the caller. Name resolution, and workload-identity credentials for the pods that call Google APIs, are the only
 * other things allowed.
 */
public final class NetworkChart extends Chart {
    public static final String DEFAULT_DENY = "default-deny";
    public static final String DNS = "allow-dns";
    public static final String METADATA = "allow-metadata-server";
    /** kube-dns, and GKE's node-local DNS cache that answers on a link-local address. */
    private static final String NODE_LOCAL_DNS = "169.254.20.10/32";
    private static final int DNS_PORT = 53;
    /** GKE's metadata server, which hands out workload-identity credentials (port 988 under Dataplane V2). */
    private static final Map<String, Integer> METADATA_SERVER = Map.of("169.254.169.254/32", 80, "169.254.169.252/32", 988);

    public NetworkChart(Construct scope, Target target) {
        super(scope, "network", ChartProps.builder().disableResourceNameHashes(true).build());
        String ns = target.namespace();
        policy(ns, DEFAULT_DENY, Map.of(), List.of(), List.of());
        policy(ns, DNS, Map.of(), null, List.of(NetworkPolicyEgressRule.builder()
                .to(List.of(
                        NetworkPolicyPeer.builder()
                                .namespaceSelector(LabelSelector.builder().matchLabels(Map.of(Peers.NAMESPACE_LABEL, "kube-system")).build())
                                .podSelector(LabelSelector.builder().matchLabels(Map.of("k8s-app", "kube-dns")).build())
                                .build(),
                        NetworkPolicyPeer.builder().ipBlock(IpBlock.builder().cidr(NODE_LOCAL_DNS).build()).build()))
                .ports(List.of(port("UDP", DNS_PORT), port("TCP", DNS_PORT)))
                .build()));
        // Whoever calls Google APIs needs credentials from the metadata server first.
        for (Edge edge : target.platform().edgesTo(Shop.CLOUD_STORAGE)) {
            policy(ns, METADATA + "-" + edge.from(), Meta.selector(edge.from()), null, new java.util.TreeMap<>(METADATA_SERVER)
                    .entrySet().stream().map(e -> NetworkPolicyEgressRule.builder()
                            .to(List.of(NetworkPolicyPeer.builder().ipBlock(IpBlock.builder().cidr(e.getKey()).build()).build()))
                            .ports(List.of(port("TCP", e.getValue()))).build())
                    .toList());
        }
        for (Edge edge : target.platform().edges()) {
            allow(target, edge);
        }
    }

    public static String policyName(Edge edge) {
        return "allow-" + edge.from() + "-to-" + edge.to() + "-" + edge.port();
    }

    private void allow(Target target, Edge edge) {
        Component from = target.platform().component(edge.from());
        Component to = target.platform().component(edge.to());
        io.shopplatform.model.Port callee = to.port(edge.port());
        NetworkPolicyPort port = port(callee.protocol().name(), callee.number());
        if (to.kind() != Kind.EXTERNAL) {
            policy(target.namespace(), policyName(edge), Meta.selector(to.name()),
                    List.of(NetworkPolicyIngressRule.builder().from(Peers.of(from)).ports(List.of(port)).build()), null);
        }
        if (from.kind() != Kind.EXTERNAL) {
            policy(target.namespace(), policyName(edge) + "-egress", Meta.selector(from.name()), null,
                    List.of(NetworkPolicyEgressRule.builder().to(Peers.of(to)).ports(List.of(port)).build()));
        }
    }

    /** A null rule list leaves that direction to other policies; an empty one denies it. */
    private void policy(String ns, String name, Map<String, String> pods, List<NetworkPolicyIngressRule> ingress,
                        List<NetworkPolicyEgressRule> egress) {
        LabelSelector selector = pods.isEmpty() ? LabelSelector.builder().build() // every pod of the namespace
                : LabelSelector.builder().matchLabels(pods).build();
        NetworkPolicySpec.Builder spec = NetworkPolicySpec.builder().podSelector(selector);
        List<String> types = new java.util.ArrayList<>();
        if (ingress != null) {
            types.add("Ingress");
            if (!ingress.isEmpty()) {
                spec.ingress(ingress);
            }
        }
        if (egress != null) {
            types.add("Egress");
            if (!egress.isEmpty()) {
                spec.egress(egress);
            }
        }
        new KubeNetworkPolicy(this, name, KubeNetworkPolicyProps.builder()
                .metadata(Meta.meta(name, ns, Meta.platformLabels(name)))
                .spec(spec.policyTypes(types).build())
                .build());
    }

    private static NetworkPolicyPort port(String protocol, int number) {
        return NetworkPolicyPort.builder().protocol(protocol).port(IntOrString.fromNumber(number)).build();
    }

    /** The restricted Pod Security Standard is enforced at admission too, so a pod that slips past the tests is refused. */
    /** The namespace's labels: restricted pod security. The namespace itself is infra's (see BootstrapChart). */
    public static Map<String, String> namespaceLabels(String ns) {
        Map<String, String> labels = new java.util.LinkedHashMap<>(Meta.platformLabels(ns));
        labels.put("pod-security.kubernetes.io/enforce", "restricted");
        labels.put("pod-security.kubernetes.io/enforce-version", "latest");
        return labels;
    }
}
