package io.shopplatform.manifests.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates custom resources against the openAPIV3Schema of their CRD (src/test/resources/crds): unknown fields,
 * types, enums, patterns and required fields, the structural-schema rules the API server applies.
 * The CRD files hold the part of each upstream CRD we use, so a field we start writing must be added there first.
 */
public final class CrdSchema {
    public static final List<String> FILES = List.of(
            "rollouts.argoproj.io", "analysistemplates.argoproj.io", "applications.argoproj.io",
            "prometheusrules.monitoring.coreos.com", "servicemonitors.monitoring.coreos.com",
            "verticalpodautoscalers.autoscaling.k8s.io", "backendconfigs.cloud.google.com",
            "managedcertificates.networking.gke.io", "certificates.cert-manager.io", "issuers.cert-manager.io");
    private static final Map<String, Map<String, Object>> SCHEMAS = schemas();

    private CrdSchema() {}

    public static boolean knows(String apiVersion, String kind) {
        return SCHEMAS.containsKey(apiVersion + "/" + kind);
    }

    private static Map<String, Object> crd(String file) {
        return Yaml.documents(read("/crds/" + file + ".yaml")).get(0);
    }

    public static List<String> problems(Map<String, Object> document) {
        String key = document.get("apiVersion") + "/" + document.get("kind");
        Map<String, Object> schema = SCHEMAS.get(key);
        if (schema == null) {
            return List.of("no CRD schema for " + key);
        }
        List<String> problems = new ArrayList<>();
        check(document, schema, String.valueOf(document.get("kind")), problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void check(Object value, Map<String, Object> schema, String path, List<String> problems) {
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
                problems.add(path + ": expected integer or string, got " + value);
            }
            return;
        }
        String type = (String) schema.get("type");
        if (type != null && !hasType(value, type)) {
            problems.add(path + ": expected " + type + ", got " + value);
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            problems.add(path + ": " + value + " is not one of " + allowed);
        }
        if (schema.get("pattern") instanceof String p && !Pattern.matches(p, value.toString())) {
            problems.add(path + ": " + value + " does not match " + p);
        }
        if (schema.get("minLength") instanceof Integer min && value.toString().length() < min) {
            problems.add(path + ": shorter than " + min);
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            Map<String, Object> additional = (Map<String, Object>) schema.get("additionalProperties");
            boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
                    || (properties.isEmpty() && additional == null);
            for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!object.containsKey(required)) {
                    problems.add(path + "." + required + ": required");
                }
            }
            object.forEach((k, v) -> {
                Map<String, Object> sub = (Map<String, Object>) properties.get(k);
                if (sub != null) {
                    check(v, sub, path + "." + k, problems);
                } else if (additional != null) {
                    check(v, additional, path + "." + k, problems);
                } else if (!preserve) {
                    problems.add(path + "." + k + ": unknown field");
                }
            });
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), (Map<String, Object>) items, path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean hasType(Object v, String type) {
        return switch (type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "integer" -> v instanceof Integer || v instanceof Long;
            case "number" -> v instanceof Number;
            case "boolean" -> v instanceof Boolean;
            default -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> schemas() {
        Map<String, Map<String, Object>> schemas = new HashMap<>();
        for (String file : FILES) {
            Map<String, Object> spec = (Map<String, Object>) crd(file).get("spec");
            String group = (String) spec.get("group");
            String kind = (String) ((Map<String, Object>) spec.get("names")).get("kind");
            for (Map<String, Object> version : (List<Map<String, Object>>) spec.get("versions")) {
                Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
                schemas.put(group + "/" + version.get("name") + "/" + kind, schema);
            }
        }
        return schemas;
    }

    private static String read(String resource) {
        try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
