package io.shopplatform.infra;

import static io.shopplatform.infra.BadConfigurationTests.assertRejected;
import static io.shopplatform.infra.BadConfigurationTests.set;
import static io.shopplatform.infra.Stacks.deployed;
import static io.shopplatform.infra.config.StackConfig.AUTHORIZED_NETWORKS;
import static io.shopplatform.infra.config.StackConfig.BACKUP_COPY_PROJECT;
import static io.shopplatform.infra.config.StackConfig.DELETION_PROTECTION;
import static io.shopplatform.infra.config.StackConfig.PROJECT;
import static io.shopplatform.infra.config.StackConfig.RELEASE_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.model.Environment;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What production refuses, and what no stack may ask for. */
class GuardRailTests {

    /** What `pulumi destroy` or a replacement must never take from production without a deliberate unprotect. */
    static final List<String> PROTECTED_IN_PROD = List.of("gcp:container/cluster:Cluster",
            "gcp:container/nodePool:NodePool", "gcp:storage/bucket:Bucket", "gcp:serviceaccount/account:Account",
            "gcp:kms/cryptoKey:CryptoKey", "gcp:compute/address:Address", "gcp:compute/globalAddress:GlobalAddress");

    @Test
    void productionKeepsDeletionProtection() {
        assertRejected(Environment.PROD, set(DELETION_PROTECTION, "false"), DELETION_PROTECTION,
                "production's cluster keeps deletion protection");
    }

    @Test
    void productionRunsNoRapidVersions() {
        assertRejected(Environment.PROD, set(RELEASE_CHANNEL, "RAPID"), RELEASE_CHANNEL, "no SLA");
        assertThat(Stacks.run(Environment.STAGING, set(RELEASE_CHANNEL, "RAPID")).run().result().exceptions()).isEmpty();
    }

    @Test
    void productionsControlPlaneIsNeverOpenToTheInternet() {
        assertRejected(Environment.PROD, set(AUTHORIZED_NETWORKS, "[\"" + Stacks.OFFICE + "\", \"0.0.0.0/0\"]"),
                AUTHORIZED_NETWORKS, "'0.0.0.0/0' opens production's control plane to 4294967296 addresses");
        assertRejected(Environment.PROD, set(AUTHORIZED_NETWORKS, "[\"128.0.0.0/1\"]"), AUTHORIZED_NETWORKS,
                "opens production's control plane");
    }

    @TestFactory
    Stream<DynamicTest> rangesThatNeverReachThePublicEndpointAreRefused() {
        return Stream.of("203.0.113.0/24", "198.51.100.128/25", "192.0.2.0/24", "10.0.0.0/8", "192.168.10.0/24",
                        "172.20.0.0/16", "100.64.0.0/10")
                .map(range -> DynamicTest.dynamicTest(range, () -> assertRejected(Environment.DEV,
                        set(AUTHORIZED_NETWORKS, "[\"" + range + "\"]"), AUTHORIZED_NETWORKS, range)));
    }

    @Test
    void aRangeWithHostBitsNamesTheRangeGkeTakes() {
        assertRejected(Environment.STAGING, set(AUTHORIZED_NETWORKS, "[\"81.169.128.7/24\"]"), AUTHORIZED_NETWORKS,
                "GKE takes 81.169.128.0/24");
    }

    @TestFactory
    Stream<DynamicTest> aProjectNamedForAnotherEnvironmentIsRefused() {
        return Stream.of(
                        DynamicTest.dynamicTest("prod on a dev project", () -> assertRejected(Environment.PROD,
                                set(PROJECT, "shop-platform-dev"), PROJECT, "looks like a dev project")),
                        DynamicTest.dynamicTest("staging on a prod project", () -> assertRejected(Environment.STAGING,
                                set(PROJECT, "acme-shop-prod"), PROJECT, "looks like a prod project")),
                        DynamicTest.dynamicTest("prod's copy in a staging project", () -> assertRejected(Environment.PROD,
                                set(BACKUP_COPY_PROJECT, "acme-vault-stg"), BACKUP_COPY_PROJECT, "looks like a staging project")));
    }

    @Test
    void aMisspeltKeyIsNamedInsteadOfIgnored() {
        assertRejected(Environment.PROD, set("shop-platform:releaseChanel", "STABLE"), "shop-platform:releaseChanel",
                "unknown key");
        // Other namespaces belong to the providers.
        assertThat(Stacks.run(Environment.DEV, set("gcp:userProjectOverride", "true")).run().result().exceptions())
                .isEmpty();
    }

    @Test
    void productionsLastingResourcesAreProtected() {
        Deployed prod = deployed(Environment.PROD);
        PROTECTED_IN_PROD.forEach(type -> assertThat(prod.mocks().registered(type)).as(type).isNotEmpty()
                .allSatisfy(r -> assertThat(prod.mocks().protectedResources).as(type + " " + r.name)
                        .contains(type + "::" + r.name)));
        Deployed dev = deployed(Environment.DEV);
        assertThat(dev.mocks().protectedResources).as("development can be torn down").isEmpty();
    }
}
