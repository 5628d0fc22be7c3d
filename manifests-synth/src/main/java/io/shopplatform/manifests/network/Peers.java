package io.shopplatform.manifests.network;

import io.shopplatform.manifests.Meta;
import io.shopplatform.model.Component;
import io.shopplatform.model.Kind;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.IpBlock;
import org.cdk8s.plus25.k8s.LabelSelector;
import org.cdk8s.plus25.k8s.NetworkPolicyPeer;

/** How a component of the model appears in a NetworkPolicy: our pods by label, external parties by where they are. */
public final class Peers {
    /** The monitoring stack's namespace (installed by infra/); Prometheus scrapes from there. */
    public static final String MONITORING_NAMESPACE = "monitoring";
    public static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";
    /** Addresses inside the cluster's VPC: an "internet" destination must not reach them. */
    static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
    static final String ANYWHERE = "0.0.0.0/0";

    private Peers() {}

    public static List<NetworkPolicyPeer> of(Component c) {
        if (c.kind() != Kind.EXTERNAL) {
            return List.of(NetworkPolicyPeer.builder()
                    .podSelector(LabelSelector.builder().matchLabels(Meta.selector(c.name())).build()).build());
        }
        return switch (c.name()) {
            case Shop.INGRESS -> FrontDoor.GOOGLE_LOAD_BALANCERS.stream()
                    .map(cidr -> NetworkPolicyPeer.builder().ipBlock(IpBlock.builder().cidr(cidr).build()).build())
                    .toList();
            case Shop.MONITORING -> List.of(NetworkPolicyPeer.builder()
                    .namespaceSelector(LabelSelector.builder()
                            .matchLabels(Map.of(NAMESPACE_LABEL, MONITORING_NAMESPACE)).build())
                    .build());
            // Any other external party is a service on the internet (a payment provider, an object store).
            default -> List.of(NetworkPolicyPeer.builder()
                    .ipBlock(IpBlock.builder().cidr(ANYWHERE).except(PRIVATE_RANGES).build()).build());
        };
    }
}
