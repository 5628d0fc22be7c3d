package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Delivery;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.Application;
import io.shopplatform.manifests.crd.CustomResource;
import java.util.List;
import software.constructs.Construct;

/**
 * The environment's Argo CD Application: it reads {@code <env>/} of the branch CI publishes {@code dist/} to, all
 * but {@link BootstrapChart#FILE}, which holds this Application and which infra/ applies (Pulumi owns it, Argo CD
 * owns the rest). Development follows the branch and syncs itself (and prunes and heals drift); staging and
 * production sync the commit their stack file pins, and only report drift until someone promotes.
 */
public final class GitOps extends Construct {
    public static final String ARGOCD_NAMESPACE = "argocd";

    public GitOps(Construct scope, Target target) {
        super(scope, "gitops");
        Delivery delivery = Delivery.of(target.env());
        String name = target.namespace();
        CustomResource.create(this, "application", Application.TYPE,
                Meta.meta(name, ARGOCD_NAMESPACE, Meta.platformLabels(name)),
                new Application.Spec("default",
                        new Application.Source(Delivery.GIT_REPO, delivery.revision(), target.env().id(),
                                new Application.Directory(BootstrapChart.FILE)),
                        new Application.Destination("https://kubernetes.default.svc", target.namespace()),
                        new Application.SyncPolicy(delivery.autoSync() ? new Application.Automated(true, true) : null,
                                List.of("ServerSideApply=true", "PruneLast=true"))));
    }
}
