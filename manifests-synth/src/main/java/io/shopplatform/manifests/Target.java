package io.shopplatform.manifests;

import io.shopplatform.model.Autoscaling;
import io.shopplatform.model.Component;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Site;

/**
 * What one synthesis is for: the platform, the environment it is sized for, and where its cluster runs (the site
 * infra/ creates it at, read from the same stack file Pulumi.&lt;env&gt;.yaml).
 */
public record Target(Platform platform, Environment env, Site site) {

    public static Target of(Platform platform, Environment env) {
        return new Target(platform, env, Site.load(env));
    }

    public String namespace() {
        return env.namespace();
    }

    /** Instances of a data-tier component or job in this environment. */
    public int instances(Component c) {
        return env.instances(c);
    }

    /** The HPA row of a service, sized for this environment. */
    public Autoscaling scaling(Component service) {
        return env.scale(service.autoscaling().orElseThrow(() -> new IllegalArgumentException(service.name() + " does not scale")));
    }

    /** In-cluster DNS name of a component's Service. */
    public String host(String component) {
        return component + "." + namespace() + ".svc.cluster.local";
    }

    /** DNS name of one pod of a StatefulSet behind the component's headless Service. */
    public String podHost(String statefulSet, int ordinal, String component) {
        return statefulSet + "-" + ordinal + "." + host(component);
    }
}
