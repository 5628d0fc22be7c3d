package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Delivery;
import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.Rollout;
import io.shopplatform.manifests.crd.VerticalPodAutoscaler;
import io.shopplatform.manifests.data.Postgres;
import io.shopplatform.model.Component;
import java.util.List;
import software.constructs.Construct;

/**
 * The seed's VPA: recommendations only, for every long-running workload. Requests stay the model's numbers;
 * the recommendations tell whoever next edits the model what they should be.
 */
public final class RightSizing extends Construct {

    public RightSizing(Construct scope, Target target) {
        super(scope, "right-sizing");
        boolean canary = Delivery.of(target.env()).canary();
        for (Component c : target.platform().components()) {
            switch (c.kind()) {
                case SERVICE -> {
                    if (canary) {
                        recommend(target, c, Rollout.TYPE.apiVersion(), Rollout.TYPE.kind(), c.name());
                    } else {
                        recommend(target, c, "apps/v1", "Deployment", c.name());
                    }
                }
                case POOLER -> recommend(target, c, "apps/v1", "Deployment", c.name());
                case DATABASE -> Postgres.members(target, c).forEach(m -> recommend(target, c, "apps/v1", "StatefulSet", m.name()));
                case CACHE, BROKER, SEARCH -> recommend(target, c, "apps/v1", "StatefulSet", c.name());
                default -> { }
            }
        }
    }

    private void recommend(Target target, Component c, String apiVersion, String kind, String name) {
        CustomResource.create(this, name, VerticalPodAutoscaler.TYPE, Meta.meta(name, target.namespace(), Meta.labels(c, name)),
                new VerticalPodAutoscaler.Spec(
                        new VerticalPodAutoscaler.TargetRef(apiVersion, kind, name),
                        new VerticalPodAutoscaler.UpdatePolicy("Off"),
                        new VerticalPodAutoscaler.ResourcePolicy(List.of(new VerticalPodAutoscaler.ContainerPolicy(
                                c.name(), List.of("cpu", "memory"))))));
    }
}
