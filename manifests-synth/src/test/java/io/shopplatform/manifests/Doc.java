package io.shopplatform.manifests;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One synthesized Kubernetes object, read back from the file it was written to. */
public record Doc(String file, Map<String, Object> body) {
    public static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "CronJob", "Job");

    public String kind() {
        return (String) body.get("kind");
    }

    public String apiVersion() {
        return (String) body.get("apiVersion");
    }

    public String name() {
        return (String) map("metadata").get("name");
    }

    public String namespace() {
        return (String) map("metadata").get("namespace");
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> labels() {
        return (Map<String, String>) map("metadata").getOrDefault("labels", Map.of());
    }

    public Object at(String... path) {
        return at(body, path);
    }

    @SuppressWarnings("unchecked")
    public static Object at(Object from, String... path) {
        Object o = from;
        for (String key : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = ((Map<String, Object>) m).get(key);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String... path) {
        Object o = at(path);
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object from, String... path) {
        Object o = at(from, path);
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    public List<Map<String, Object>> list(String... path) {
        return list(body, path);
    }

    /** A Job or CronJob: its pods run to completion and are neither probed nor spread. */
    public boolean runsToCompletion() {
        return kind().equals("CronJob") || kind().equals("Job");
    }

    /** The pod template of a workload. */
    public Optional<Map<String, Object>> podTemplate() {
        return Optional.ofNullable(switch (kind()) {
            case "Deployment", "StatefulSet", "Job" -> map("spec", "template");
            case "CronJob" -> map("spec", "jobTemplate", "spec", "template");
            default -> null;
        });
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> podSpec() {
        return (Map<String, Object>) podTemplate().orElseThrow().get("spec");
    }

    /** Init containers, then containers. */
    public List<Map<String, Object>> containers() {
        Map<String, Object> spec = podSpec();
        List<Map<String, Object>> all = new java.util.ArrayList<>(list(spec, "initContainers"));
        all.addAll(list(spec, "containers"));
        return all;
    }

    @Override
    public String toString() {
        return kind() + " " + name();
    }
}
