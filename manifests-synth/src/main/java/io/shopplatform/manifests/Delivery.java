package io.shopplatform.manifests;

import io.shopplatform.model.Environment;

/**
 * How changes reach an environment (the seed's GitOps section): development syncs itself from main,
 * staging and production wait for a manual promotion, and production rolls out through the canary.
 */
public record Delivery(boolean autoSync, boolean canary) {

    /** The repository Argo CD reads the published manifests from. */
    public static final String GIT_REPO = "https://github.com/shop-platform/shop-platform.git";
    /** The branch CI publishes {@code dist/} to (.github/workflows/ci.yml). */
    public static final String GIT_REVISION = "manifests";

    public static Delivery of(Environment env) {
        return switch (env) {
            case DEV -> new Delivery(true, false);
            case STAGING -> new Delivery(false, false);
            case PROD -> new Delivery(false, true);
        };
    }
}
