package io.shopplatform.infra.network;

import com.pulumi.gcp.compute.Firewall;
import com.pulumi.gcp.compute.FirewallArgs;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.FirewallAllowArgs;
import com.pulumi.gcp.compute.inputs.RouterNatLogConfigArgs;
import com.pulumi.gcp.compute.inputs.RouterNatSubnetworkArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkSecondaryIpRangeArgs;
import io.shopplatform.infra.config.StackConfig;
import java.util.List;

/**
 * The cluster's network: a VPC with one regional subnetwork (nodes, plus secondary ranges for pods and services),
 * Cloud NAT so that private nodes reach registries and payment providers, and one firewall opening.
 * The ranges are private and the same in every environment: each environment has its own project.
 */
public record Vpc(Network network, Subnetwork subnetwork) {

    public static final String PODS_RANGE = "pods";
    public static final String SERVICES_RANGE = "services";
    /** The control plane's private range, peered into the VPC. */
    public static final String CONTROL_PLANE_CIDR = "172.16.0.16/28";
    static final String NODES_CIDR = "10.10.0.0/20";
    static final String PODS_CIDR = "10.16.0.0/14";
    static final String SERVICES_CIDR = "10.20.0.0/20";
    /** Admission webhooks served by pods: GKE opens 443 and 10250 from the control plane itself, not these. */
    static final List<String> WEBHOOK_PORTS = List.of("8443", "9443");

    public static Vpc declare(StackConfig config) {
        String prefix = config.prefix();
        var network = new Network(prefix + "-vpc", NetworkArgs.builder()
                .autoCreateSubnetworks(false)
                .routingMode("REGIONAL")
                .build());
        var subnetwork = new Subnetwork(prefix + "-nodes", SubnetworkArgs.builder()
                .network(network.id())
                .region(config.region())
                .ipCidrRange(NODES_CIDR)
                .secondaryIpRanges(
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName(PODS_RANGE).ipCidrRange(PODS_CIDR).build(),
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName(SERVICES_RANGE).ipCidrRange(SERVICES_CIDR).build())
                .privateIpGoogleAccess(true)
                .build());

        // Private nodes have no external address: outbound traffic leaves through NAT, inbound through load balancers.
        var router = new Router(prefix + "-router", RouterArgs.builder()
                .network(network.id())
                .region(config.region())
                .build());
        new RouterNat(prefix + "-nat", RouterNatArgs.builder()
                .router(router.name())
                .region(config.region())
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("LIST_OF_SUBNETWORKS")
                .subnetworks(RouterNatSubnetworkArgs.builder()
                        .name(subnetwork.id())
                        .sourceIpRangesToNats("ALL_IP_RANGES")
                        .build())
                .logConfig(RouterNatLogConfigArgs.builder().enable(true).filter("ERRORS_ONLY").build())
                .build());

        // Everything else inbound stays denied by the VPC's implied rule; GKE adds the rules it needs itself.
        new Firewall(prefix + "-control-plane-webhooks", FirewallArgs.builder()
                .network(network.id())
                .direction("INGRESS")
                .sourceRanges(CONTROL_PLANE_CIDR)
                .targetTags(nodeTag(config))
                .allows(FirewallAllowArgs.builder().protocol("tcp").ports(WEBHOOK_PORTS).build())
                .build());
        return new Vpc(network, subnetwork);
    }

    /** The network tag every node carries, which the firewall rules target. */
    public static String nodeTag(StackConfig config) {
        return config.prefix() + "-node";
    }
}
