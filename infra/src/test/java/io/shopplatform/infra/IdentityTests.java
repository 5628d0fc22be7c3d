package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.Deployed.value;
import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.storage.BucketIAMMember;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.identity.Identities;
import io.shopplatform.infra.storage.BackupStorage;
import io.shopplatform.model.Shop;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class IdentityTests {

    @TestFactory
    Stream<DynamicTest> noServiceAccountKeyIsEverCreated() {
        return everyStack("no service account key is ever created", stack ->
                assertThat(stack.mocks().registered).extracting(r -> r.type)
                        .isNotEmpty()
                        .noneMatch(type -> type.startsWith("gcp:serviceaccount/key:") || type.contains("hmacKey")));
    }

    @TestFactory
    Stream<DynamicTest> onlyNodesAndTheBackupJobGetAccounts() {
        return everyStack("accounts exist for the nodes and for each workload that needs cloud access", stack ->
                assertThat(stack.all(Account.class)).extracting(a -> value(a.accountId()))
                        .containsExactlyInAnyOrder(stack.config().prefix() + "-nodes", Shop.DB_BACKUP));
    }

    @TestFactory
    Stream<DynamicTest> nodesOnlyWriteLogsAndMetrics() {
        return everyStack("nodes run as their own account, which may only write logs and metrics", stack -> {
            Account nodes = account(stack, stack.config().prefix() + "-nodes");
            stack.all(NodePool.class).forEach(pool ->
                    assertThat(value(pool.nodeConfig()).serviceAccount()).contains(value(nodes.email())));
            assertThat(stack.all(IAMMember.class))
                    .allSatisfy(grant -> assertThat(value(grant.member())).isEqualTo(value(nodes.member())))
                    .extracting(grant -> value(grant.role()))
                    .containsExactlyInAnyOrderElementsOf(Identities.NODE_ROLES);
        });
    }

    @TestFactory
    Stream<DynamicTest> theBackupJobActsThroughItsKubernetesServiceAccount() {
        return everyStack("the backup job's account is usable only by its Kubernetes service account", stack -> {
            Account backupJob = account(stack, Shop.DB_BACKUP);
            var binding = stack.one(com.pulumi.gcp.serviceaccount.IAMMember.class);
            assertThat(value(binding.serviceAccountId())).isEqualTo(value(backupJob.name()));
            assertThat(value(binding.role())).isEqualTo("roles/iam.workloadIdentityUser");
            assertThat(value(binding.member())).isEqualTo("serviceAccount:" + stack.config().project()
                    + ".svc.id.goog[" + stack.env().namespace() + "/" + Shop.DB_BACKUP + "]");
        });
    }

    @TestFactory
    Stream<DynamicTest> theBackupJobMayOnlyAddBackups() {
        return everyStack("the backup job may only add objects to the backup bucket", stack -> {
            Account backupJob = account(stack, Shop.DB_BACKUP);
            var backupBucket = stack.result().output("backupBucket", String.class);
            assertThat(stack.all(BucketIAMMember.class))
                    .filteredOn(grant -> value(grant.member()).equals(value(backupJob.member())))
                    .singleElement()
                    .satisfies(grant -> {
                        assertThat(value(grant.role())).isEqualTo(BackupStorage.WRITER_ROLE);
                        assertThat(value(grant.bucket())).isEqualTo(value(backupBucket));
                    });
        });
    }

    private static Account account(Deployed stack, String accountId) {
        return stack.all(Account.class).stream().filter(a -> value(a.accountId()).equals(accountId)).findFirst()
                .orElseThrow(() -> new AssertionError("no account " + accountId));
    }
}
