package io.shopplatform.manifests.workloads;

import io.shopplatform.manifests.Delivery;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.Rollout;
import io.shopplatform.manifests.operations.CanaryRollout;
import io.shopplatform.model.Component;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import software.constructs.Construct;

/** Every service of the model; where changes go through the canary, a Rollout runs the service's pods. */
public final class ServicesChart extends Chart {

    public ServicesChart(Construct scope, Target target) {
        super(scope, "services", ChartProps.builder().disableResourceNameHashes(true).build());
        boolean canary = Delivery.of(target.env()).canary();
        for (Component service : target.platform().services()) {
            ServiceWorkload.ScaleTarget scaled = canary
                    ? new ServiceWorkload.ScaleTarget(Rollout.TYPE.apiVersion(), Rollout.TYPE.kind(), service.name())
                    : new ServiceWorkload.ScaleTarget("apps/v1", "Deployment", service.name());
            ServiceWorkload workload = new ServiceWorkload(this, new ServiceWorkload.Props(target, service, scaled));
            if (canary) {
                new CanaryRollout(workload, target, service);
            }
        }
    }
}
