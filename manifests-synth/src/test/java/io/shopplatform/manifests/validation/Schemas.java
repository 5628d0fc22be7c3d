package io.shopplatform.manifests.validation;

import java.util.List;
import java.util.Map;

/** The schema a document is checked against: the Kubernetes API's for built-in kinds, the CRD's for the rest. */
public final class Schemas {
    private Schemas() {}

    public static List<String> problems(Map<String, Object> document) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        String kind = String.valueOf(document.get("kind"));
        return CrdSchema.knows(apiVersion, kind) ? CrdSchema.problems(document) : KubernetesSchema.problems(document);
    }
}
