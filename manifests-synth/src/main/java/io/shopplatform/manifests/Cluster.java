package io.shopplatform.manifests;

import io.shopplatform.model.Environment;
import java.util.List;

/**
 * Where an environment's cluster lives, as infra/ creates it (one GKE cluster per environment).
 * The platform model knows how many zones there are; only the cluster knows their names.
 *
 * @param gitRepo  the repository ArgoCD reads the published manifests from
 * @param gitRevision the branch CI publishes {@code dist/} to
 */
public record Cluster(String project, String region, List<String> zones, String gitRepo, String gitRevision) {

    /** Synthesis must be deterministic, so the clusters are declared here, not read from the machine. */
    public static Cluster of(Environment env) {
        String project = "shop-platform-" + env.id();
        String region = "europe-west1";
        return new Cluster(project, region, List.of(region + "-b", region + "-c", region + "-d"),
                "https://github.com/shop-platform/shop-platform.git", "manifests");
    }

    public Cluster {
        zones = List.copyOf(zones);
    }

    /** The Google service account a Kubernetes service account acts as through workload identity. */
    public String googleServiceAccount(String name) {
        return name + "@" + project + ".iam.gserviceaccount.com";
    }
}
