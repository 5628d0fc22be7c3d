package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.Deployed.value;
import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.gcp.compute.Firewall;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.outputs.FirewallAllow;
import com.pulumi.gcp.compute.outputs.SubnetworkSecondaryIpRange;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.outputs.ClusterIpAllocationPolicy;
import io.shopplatform.infra.network.Vpc;
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
        return everyStack("the firewall opens only webhook ports, only to the control plane", stack -> {
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
