package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.Units;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.Rollout;
import io.shopplatform.model.CanaryStep;
import io.shopplatform.model.Component;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * The seed's canary for one service: an Argo Rollout that takes the service's Deployment as its pod template,
 * walks the model's traffic steps and is aborted by the shared analysis ({@link CanaryAnalysis}) when the
 * rollback criteria hold.
 */
public final class CanaryRollout extends Construct {

    public CanaryRollout(Construct scope, Target target, Component service) {
        super(scope, "canary");
        List<Rollout.Step> steps = new ArrayList<>();
        for (CanaryStep step : target.platform().canary().steps()) {
            steps.add(Rollout.Step.weight(step.weightPercent()));
            if (!step.pause().isZero()) {
                steps.add(Rollout.Step.pause(Units.duration(step.pause())));
            }
        }
        CustomResource.create(this, "rollout", Rollout.TYPE, Meta.meta(target, service, service.name()),
                new Rollout.Spec(
                        new Rollout.WorkloadRef("apps/v1", "Deployment", service.name(), "progressively"),
                        new Rollout.Selector(Meta.selector(service, service.name())),
                        5,
                        new Rollout.Strategy(new Rollout.Canary(
                                new Rollout.Analysis(List.of(new Rollout.TemplateRef(CanaryAnalysis.NAME)),
                                        List.of(Rollout.Arg.of(CanaryAnalysis.SERVICE_ARG, service.name()),
                                                Rollout.Arg.canaryHash(CanaryAnalysis.CANARY_HASH_ARG))),
                                steps))));
    }
}
