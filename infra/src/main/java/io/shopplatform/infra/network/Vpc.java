package io.shopplatform.infra.network;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Address;
import com.pulumi.gcp.compute.AddressArgs;
import com.pulumi.gcp.compute.Firewall;
import com.pulumi.gcp.compute.FirewallArgs;
import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.GlobalAddressArgs;
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
import com.pulumi.resources.CustomResourceOptions;
import io.shopplatform.infra.config.NatPorts;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.project.Apis;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The cluster's network: a VPC with one regional subnetwork (nodes, plus secondary ranges for pods and services),
 * Cloud NAT on reserved addresses so that private nodes reach registries and payment providers from addresses those
 * can allow-list, one firewall opening for the control plane, and the front door's reserved global address.
 * The ranges are private and the same in every environment: each environment has its own project.
 *
 * @param egress    the addresses outbound traffic leaves from (exported for payment providers' allow-lists)
 * @param frontDoor the global address the Ingress's load balancer answers on (its DNS record points here)
 */
public record Vpc(Network network, Subnetwork subnetwork, List<Address> egress, GlobalAddress frontDoor) {

    public static final String PODS_RANGE = "pods";
    public static final String SERVICES_RANGE = "services";
    /** The control plane's private range, peered into the VPC. */
    public static final String CONTROL_PLANE_CIDR = "172.16.0.16/28";
    static final String NODES_CIDR = "10.10.0.0/20";
    static final String PODS_CIDR = "10.16.0.0/14";
    static final String SERVICES_CIDR = "10.20.0.0/20";
    /** What GKE's own firewall rule lets a private cluster's control plane reach on nodes (and their pods). */
    public static final List<Integer> GKE_CONTROL_PLANE_TO_NODE_PORTS = List.of(443, 10250);
    /**
     * What the control plane calls on pods beyond the 443 and 10250 GKE opens itself: admission webhooks, and the
     * aggregated API servers the HPAs depend on (prometheus-adapter's custom metrics API, {@code Addons}).
     */
    public static final List<Integer> CONTROL_PLANE_TO_POD_PORTS = List.of(6443, 8443, 9443);

    public static Vpc declare(StackConfig config, Apis apis) {
        String prefix = config.prefix();
        var compute = CustomResourceOptions.builder().dependsOn(apis.needs(Apis.COMPUTE)).build();
        var network = new Network(prefix + "-vpc", NetworkArgs.builder()
                .autoCreateSubnetworks(false)
                .routingMode("REGIONAL")
                .build(), compute);
        var subnetwork = new Subnetwork(prefix + "-nodes", SubnetworkArgs.builder()
                .network(network.id())
                .region(config.region())
                .ipCidrRange(NODES_CIDR)
                .secondaryIpRanges(
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName(PODS_RANGE).ipCidrRange(PODS_CIDR).build(),
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName(SERVICES_RANGE).ipCidrRange(SERVICES_CIDR).build())
                .privateIpGoogleAccess(true)
                .build(), compute);

        // Private nodes have no external address: outbound traffic leaves through NAT, inbound through load balancers.
        var router = new Router(prefix + "-router", RouterArgs.builder()
                .network(network.id())
                .region(config.region())
                .build(), compute);
        List<Address> egress = IntStream.rangeClosed(1, config.natAddresses())
                .mapToObj(i -> new Address(prefix + "-egress-" + i, AddressArgs.builder()
                        .name(prefix + "-egress-" + i)
                        .region(config.region())
                        .addressType("EXTERNAL")
                        .networkTier("PREMIUM")
                        .description("outbound traffic of " + prefix + "'s nodes; payment providers allow-list it")
                        .build(),
                        // Providers allow-list these: losing one breaks payments until they update their lists.
                        CustomResourceOptions.builder().protect(config.protectsResources())
                                .dependsOn(apis.needs(Apis.COMPUTE)).build()))
                .toList();
        new RouterNat(prefix + "-nat", RouterNatArgs.builder()
                .router(router.name())
                .region(config.region())
                .natIpAllocateOption("MANUAL_ONLY")
                .natIps(Output.all(egress.stream().map(Address::selfLink).toList()))
                .sourceSubnetworkIpRangesToNat("LIST_OF_SUBNETWORKS")
                .subnetworks(RouterNatSubnetworkArgs.builder()
                        .name(subnetwork.id())
                        .sourceIpRangesToNats("ALL_IP_RANGES")
                        .build())
                .enableDynamicPortAllocation(true)
                // Dynamic allocation works only without endpoint-independent mapping.
                .enableEndpointIndependentMapping(false)
                .minPortsPerVm(NatPorts.MIN_PER_NODE)
                .maxPortsPerVm(NatPorts.MAX_PER_NODE)
                .logConfig(RouterNatLogConfigArgs.builder().enable(true).filter("ERRORS_ONLY").build())
                .build(), compute);

        // Everything else inbound stays denied by the VPC's implied rule; GKE adds the rules it needs itself.
        new Firewall(prefix + "-control-plane-to-pods", FirewallArgs.builder()
                .network(network.id())
                .direction("INGRESS")
                .sourceRanges(CONTROL_PLANE_CIDR)
                .targetTags(nodeTag(config))
                .allows(FirewallAllowArgs.builder().protocol("tcp")
                        .ports(CONTROL_PLANE_TO_POD_PORTS.stream().map(String::valueOf).toList()).build())
                .build(), compute);

        var frontDoor = new GlobalAddress(prefix + "-front-door", GlobalAddressArgs.builder()
                .name(config.environment().publicAddress())
                .addressType("EXTERNAL")
                .ipVersion("IPV4")
                .description("the shop's front door; " + config.site().domain() + " points here")
                .build(),
                // The domain's DNS record points at it: a new address is an outage until DNS follows.
                CustomResourceOptions.builder().protect(config.protectsResources())
                        .dependsOn(apis.needs(Apis.COMPUTE)).build());
        return new Vpc(network, subnetwork, egress, frontDoor);
    }

    /** The network tag every node carries, which the firewall rules target. */
    public static String nodeTag(StackConfig config) {
        return config.prefix() + "-node";
    }
}
