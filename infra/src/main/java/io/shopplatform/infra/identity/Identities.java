package io.shopplatform.infra.identity;

import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.project.Apis;
import io.shopplatform.model.Component;
import java.util.List;

/**
 * Google identities, all keyless: the nodes' own account, and one account per workload that needs cloud access,
 * which only that workload's Kubernetes service account can act as (Workload Identity).
 */
public final class Identities {

    /** What a node needs to report on itself; the Compute Engine default account would bring Editor on the project. */
    public static final List<String> NODE_ROLES = List.of(
            "roles/logging.logWriter",
            "roles/monitoring.metricWriter",
            "roles/monitoring.viewer",
            "roles/stackdriver.resourceMetadata.writer");
    static final String WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";

    private Identities() {}

    public static Account nodeAccount(StackConfig config, Apis apis) {
        String name = config.prefix() + "-nodes";
        var account = new Account(name, AccountArgs.builder()
                .accountId(name)
                .displayName("GKE nodes of " + config.prefix())
                .build(),
                CustomResourceOptions.builder().protect(config.protectsResources()).dependsOn(apis.needs(Apis.IAM)).build());
        NODE_ROLES.forEach(role -> new IAMMember(name + "-" + role.substring(role.indexOf('/') + 1).replace('.', '-'),
                IAMMemberArgs.builder()
                        .project(config.project())
                        .role(role)
                        .member(account.member())
                        .build(),
                CustomResourceOptions.builder().dependsOn(apis.needs(Apis.RESOURCE_MANAGER)).build()));
        return account;
    }

    /**
     * The Google account a workload acts as. Its id is the component's name, the account manifests-synth annotates
     * the component's Kubernetes service account with; it gets no role here, only where it is used.
     */
    public static Account workloadAccount(StackConfig config, Apis apis, Component workload, Cluster cluster) {
        String name = config.prefix() + "-" + workload.name();
        var account = new Account(name, AccountArgs.builder()
                .accountId(workload.name())
                .displayName(workload.purpose())
                .build(),
                CustomResourceOptions.builder().protect(config.protectsResources()).dependsOn(apis.needs(Apis.IAM)).build());
        // The identity pool exists once a cluster with Workload Identity does.
        new com.pulumi.gcp.serviceaccount.IAMMember(name + "-workload-identity",
                com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
                        .serviceAccountId(account.name())
                        .role(WORKLOAD_IDENTITY_USER)
                        .member(kubernetesServiceAccount(config, workload))
                        .build(),
                CustomResourceOptions.builder().dependsOn(cluster).build());
        return account;
    }

    /** The identity pool of the project's clusters. */
    public static String workloadPool(StackConfig config) {
        return config.project() + ".svc.id.goog";
    }

    /** The member name of a component's Kubernetes service account (named after the component, in its namespace). */
    public static String kubernetesServiceAccount(StackConfig config, Component workload) {
        return "serviceAccount:" + workloadPool(config)
                + "[" + config.environment().namespace() + "/" + workload.name() + "]";
    }
}
