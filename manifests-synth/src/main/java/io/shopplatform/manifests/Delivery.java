package io.shopplatform.manifests;

import io.shopplatform.model.Environment;
import io.shopplatform.model.StackFile;

/**
 * How changes reach an environment (the seed's GitOps section): development syncs itself from main, staging and
 * production wait for a manual promotion, and production rolls out through the canary.
 *
 * @param revision what the environment's Argo CD Application syncs: the commit of the manifests branch its stack file
 *                 pins ({@link StackFile#MANIFESTS_REVISION}; promotion is a commit that changes it), or the branch
 *                 itself where none is pinned (development follows main). infra/ refuses to deploy staging or
 *                 production without a pinned commit.
 */
public record Delivery(boolean autoSync, boolean canary, String revision) {

    /** The repository Argo CD reads the published manifests from. */
    public static final String GIT_REPO = "https://github.com/shop-platform/shop-platform.git";
    /** The branch CI publishes {@code dist/} to (.github/workflows/ci.yml). */
    public static final String GIT_REVISION = "manifests";

    public static Delivery of(Environment env) {
        String revision = StackFile.text(env, StackFile.MANIFESTS_REVISION).orElse(GIT_REVISION);
        return switch (env) {
            case DEV -> new Delivery(true, false, revision);
            case STAGING -> new Delivery(false, false, revision);
            case PROD -> new Delivery(false, true, revision);
        };
    }
}
