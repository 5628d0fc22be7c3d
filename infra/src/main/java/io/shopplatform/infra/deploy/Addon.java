package io.shopplatform.infra.deploy;

import java.util.Map;
import java.util.Set;

/**
 * A cluster add-on: an upstream Helm chart at a pinned version, and the APIs it serves the manifests.
 *
 * @param name       release name (also the Pulumi resource's suffix)
 * @param awaitReady whether the release waits for its pods; false only where they need something Argo CD syncs later
 */
public record Addon(String name, String repo, String chart, String version, String namespace, Set<Api> serves,
                    Map<String, Object> values, boolean awaitReady) {

    public Addon {
        serves = Set.copyOf(serves);
        values = Map.copyOf(values);
    }
}
