package io.shopplatform.manifests.crd;

import java.util.List;

/** Argo CD: one environment's manifests, synced from Git into its namespace. */
public final class Application {
    public static final CustomResource.Type TYPE = new CustomResource.Type("argoproj.io/v1alpha1", "Application");

    private Application() {}

    public record Spec(String project, Source source, Destination destination, SyncPolicy syncPolicy) {}

    public record Source(String repoURL, String targetRevision, String path, Directory directory) {}

    /** A plain folder of manifests; {@code exclude} is a glob of files Argo CD leaves out. */
    public record Directory(String exclude) {}

    public record Destination(String server, String namespace) {}

    /** Without {@code automated}, Argo CD only reports drift and waits for someone to sync (manual promotion). */
    public record SyncPolicy(Automated automated, List<String> syncOptions) {}

    public record Automated(Boolean prune, Boolean selfHeal) {}
}
