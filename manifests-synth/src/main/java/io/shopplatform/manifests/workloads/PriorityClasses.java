package io.shopplatform.manifests.workloads;

import io.shopplatform.manifests.Meta;
import io.shopplatform.model.Priority;
import java.util.Locale;
import org.cdk8s.plus25.k8s.KubePriorityClass;
import org.cdk8s.plus25.k8s.KubePriorityClassProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * The model's priorities as PriorityClasses; every pod names one ({@code Pods}). They must exist before the first
 * pod that names one is admitted, so they go with the first objects Argo CD syncs.
 */
public final class PriorityClasses extends Construct {

    public PriorityClasses(Construct scope) {
        super(scope, "priority-classes");
        for (Priority p : Priority.values()) {
            new KubePriorityClass(this, p.className(), KubePriorityClassProps.builder()
                    .metadata(ObjectMeta.builder().name(p.className()).labels(Meta.platformLabels(p.className())).build())
                    .value(p.value())
                    .globalDefault(false)
                    .preemptionPolicy(p.preempts() ? "PreemptLowerPriority" : "Never")
                    .description("shop-platform: " + p.name().toLowerCase(Locale.ROOT) + " (platform-model's Priority)")
                    .build());
        }
    }
}
