package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.Deployed.value;
import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.gcp.compute.Address;
import com.pulumi.gcp.compute.Firewall;
import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.outputs.FirewallAllow;
import com.pulumi.gcp.compute.outputs.SubnetworkSecondaryIpRange;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.outputs.ClusterIpAllocationPolicy;
import io.shopplatform.infra.config.NatPorts;
import io.shopplatform.infra.network.Vpc;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class NetworkTests {

    @TestFactory
    Stream<DynamicTest> podsAndServicesHaveTheirOwnRanges() {
        return everyStack("pods and services get the subnetwork's secondary ranges", stack -> {
            Subnetwork subnetwork = stack.one(Subnetwork.class);
            assertThat(value(subnetwork.region())).isEqualTo(stack.config().region());
            assertThat(value(subnetwork.secondaryIpRanges())).extracting(SubnetworkSecondaryIpRange::rangeName)
                    .containsExactlyInAnyOrder(Vpc.PODS_RANGE, Vpc.SERVICES_RANGE);
            ClusterIpAllocationPolicy ranges = value(stack.one(Cluster.class).ipAllocationPolicy());
            assertThat(ranges.clusterSecondaryRangeName()).contains(Vpc.PODS_RANGE);
            assertThat(ranges.servicesSecondaryRangeName()).contains(Vpc.SERVICES_RANGE);
        });
    }

    @TestFactory
    Stream<DynamicTest> outboundTrafficLeavesFromReservedAddressesWithPortsToSpare() {
        return everyStack("NAT uses the stack's reserved addresses and gives every node at least 1024 ports, growing on "
                + "demand, with enough ports for the cluster's largest size", stack -> {
            RouterNat nat = stack.one(RouterNat.class);
            List<Address> egress = stack.all(Address.class);
            assertThat(egress).hasSize(stack.config().natAddresses())
                    .allSatisfy(a -> assertThat(value(a.addressType())).contains("EXTERNAL"));
            assertThat(value(nat.natIpAllocateOption())).contains("MANUAL_ONLY");
            assertThat(value(nat.natIps()).orElseThrow()).containsExactlyInAnyOrderElementsOf(
                    egress.stream().map(a -> value(a.selfLink())).toList());
            assertThat(value(nat.enableDynamicPortAllocation())).isTrue();
            assertThat(value(nat.enableEndpointIndependentMapping())).isFalse();
            int min = value(nat.minPortsPerVm()).orElseThrow();
            assertThat(min).isGreaterThanOrEqualTo(1024);
            assertThat(value(nat.maxPortsPerVm()).orElseThrow()).isGreaterThan(min);
            int maxNodes = stack.config().nodePools().stream().mapToInt(p -> p.maxNodes()).sum();
            assertThat((long) egress.size() * NatPorts.PER_ADDRESS).as("ports of the reserved addresses")
                    .isGreaterThanOrEqualTo((long) maxNodes * min);
            assertThat(value(stack.result().output("egressAddresses", List.class)))
                    .containsExactlyInAnyOrderElementsOf(egress.stream().map(a -> value(a.address())).toList());
        });
    }

    @TestFactory
    Stream<DynamicTest> theControlPlaneReachesTheCustomMetricsApi() {
        return everyStack("the port prometheus-adapter serves the custom metrics API on is one the control plane may "
                + "reach (a private cluster's control plane reaches pods only on 443, 10250 and the firewall's ports)",
                stack -> {
                    Object port = stack.registered(DeploymentTests.RELEASE, stack.config().prefix() + "-prometheus-adapter")
                            .inputs.get("values") instanceof Map<?, ?> values ? values.get("listenPort") : null;
                    assertThat(port).as("prometheus-adapter's listenPort").isNotNull();
                    int listen = ((Number) port).intValue();
                    assertThat(openToTheControlPlane(stack)).contains(String.valueOf(listen));
                });
    }

    @TestFactory
    Stream<DynamicTest> theFrontDoorHasAReservedAddress() {
        return everyStack("the Ingress's reserved global address carries the name the manifests give it, and is exported",
                stack -> {
                    GlobalAddress address = stack.one(GlobalAddress.class);
                    assertThat(value(address.name())).isEqualTo(stack.env().publicAddress());
                    assertThat(value(stack.result().output("frontDoorAddress", String.class))).isEqualTo(value(address.address()));
                });
    }

    /** The TCP ports the firewall lets the control plane reach nodes' pods on, beyond GKE's own 443 and 10250. */
    private static List<String> openToTheControlPlane(Stacks.Deployed stack) {
        return stack.all(Firewall.class).stream()
                .filter(rule -> value(rule.sourceRanges()).orElseThrow().contains(Vpc.CONTROL_PLANE_CIDR))
                .flatMap(rule -> value(rule.allows()).orElseThrow().stream())
                .filter(allow -> allow.protocol().equals("tcp"))
                .flatMap(allow -> allow.ports().stream())
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> privateNodesReachOutThroughNat() {
        return everyStack("private nodes reach out through Cloud NAT on their subnetwork", stack -> {
            RouterNat nat = stack.one(RouterNat.class);
            assertThat(value(nat.sourceSubnetworkIpRangesToNat())).isEqualTo("LIST_OF_SUBNETWORKS");
            assertThat(value(nat.subnetworks()).orElseThrow()).singleElement()
                    .satisfies(s -> assertThat(s.name()).isEqualTo(value(stack.one(Subnetwork.class).id()).toString()));
            assertThat(value(stack.one(Subnetwork.class).privateIpGoogleAccess())).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> theFirewallOpensOnlyWebhookPortsToTheControlPlane() {
        return everyStack("the firewall opens only webhook and aggregated-API ports, only to the control plane", stack -> {
            Firewall rule = stack.one(Firewall.class);
            assertThat(value(rule.sourceRanges()).orElseThrow()).containsExactly(Vpc.CONTROL_PLANE_CIDR);
            assertThat(value(rule.targetTags()).orElseThrow()).containsExactly(Vpc.nodeTag(stack.config()));
            assertThat(value(rule.allows()).orElseThrow()).singleElement().satisfies(allow -> {
                assertThat(allow.protocol()).isEqualTo("tcp");
                assertThat(allow.ports()).doesNotContain("0-65535").isNotEmpty();
            });
        });
    }
}
