package io.shopplatform.manifests.rbac;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.network.Peers;
import java.util.List;
import org.cdk8s.plus25.k8s.KubeRole;
import org.cdk8s.plus25.k8s.KubeRoleBinding;
import org.cdk8s.plus25.k8s.KubeRoleBindingProps;
import org.cdk8s.plus25.k8s.KubeRoleProps;
import org.cdk8s.plus25.k8s.PolicyRule;
import org.cdk8s.plus25.k8s.RoleRef;
import org.cdk8s.plus25.k8s.Subject;
import software.constructs.Construct;

/**
 * The only API access the platform grants: Prometheus may discover (read, never change) the scrape targets in
 * this namespace. A Role and RoleBinding here, not a ClusterRole: nothing gets cluster-wide permissions.
 */
public final class MonitoringAccess extends Construct {
    public static final String NAME = "prometheus-discovery";
    /** Prometheus's service account as the monitoring stack (infra/) names it. */
    public static final String PROMETHEUS_ACCOUNT = "prometheus";

    public MonitoringAccess(Construct scope, Target target) {
        super(scope, "monitoring-access");
        new KubeRole(this, "role", KubeRoleProps.builder()
                .metadata(Meta.meta(NAME, target.namespace(), Meta.platformLabels(NAME)))
                .rules(List.of(
                        PolicyRule.builder().apiGroups(List.of("")).resources(List.of("services", "endpoints", "pods"))
                                .verbs(List.of("get", "list", "watch")).build(),
                        PolicyRule.builder().apiGroups(List.of("discovery.k8s.io")).resources(List.of("endpointslices"))
                                .verbs(List.of("get", "list", "watch")).build()))
                .build());
        new KubeRoleBinding(this, "binding", KubeRoleBindingProps.builder()
                .metadata(Meta.meta(NAME, target.namespace(), Meta.platformLabels(NAME)))
                .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("Role").name(NAME).build())
                .subjects(List.of(Subject.builder().kind("ServiceAccount").name(PROMETHEUS_ACCOUNT)
                        .namespace(Peers.MONITORING_NAMESPACE).build()))
                .build());
    }
}
