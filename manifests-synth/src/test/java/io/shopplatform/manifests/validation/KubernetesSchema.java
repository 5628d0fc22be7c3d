package io.shopplatform.manifests.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Validates built-in kinds against the Kubernetes API schema, as fabric8's typed models carry it: each document is
 * bound to the class fabric8 registers for its apiVersion and kind with a mapper that coerces nothing, then the bound
 * object is walked for fields the schema does not know (fabric8 keeps them aside rather than failing).
 * Rejects unknown kinds, unknown fields (with their path), wrong types and malformed quantities; it does not check
 * that required fields are present (the CRD validator does, for custom kinds).
 */
public final class KubernetesSchema {
    private static final String REGISTRY = "META-INF/services/" + KubernetesResource.class.getName();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = kinds();
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .withCoercionConfigDefaults(c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // Text fields stay text: only the scalar coercions above are refused.
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
            .build();

    private KubernetesSchema() {}

    public static boolean knows(String apiVersion, String kind) {
        return KINDS.containsKey(apiVersion + "/" + kind);
    }

    /** The problems with one document; empty when it is valid. */
    public static List<String> problems(Map<String, Object> document) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        String kind = String.valueOf(document.get("kind"));
        Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            return List.of("unknown kind " + apiVersion + "/" + kind);
        }
        Object bound;
        try {
            bound = STRICT.convertValue(document, type);
        } catch (RuntimeException e) {
            return List.of(kind + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        List<String> problems = new ArrayList<>();
        leftovers(bound, kind, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems;
    }

    /** Every {@code additionalProperties} entry fabric8 collected is a field the schema does not define. */
    private static void leftovers(Object o, String path, List<String> problems, Set<Object> seen) {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                leftovers(e, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> leftovers(v, path + "." + k, problems, seen));
            return;
        }
        if (o instanceof Quantity q) {
            try {
                q.getNumericalAmount();
            } catch (IllegalArgumentException e) {
                problems.add(path + ": malformed quantity " + q);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> problems.add(path + "." + k + ": unknown field"));
                }
            } else {
                leftovers(value, path + "." + field(getter.getName()), problems, seen);
            }
        }
    }

    private static String field(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends HasMetadata>> kinds() {
        Map<String, Class<? extends HasMetadata>> kinds = new HashMap<>();
        try {
            for (URL url : Collections.list(KubernetesSchema.class.getClassLoader().getResources(REGISTRY))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line : in.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                        load(line).filter(HasMetadata.class::isAssignableFrom).ifPresent(c -> kinds.put(
                                HasMetadata.getApiVersion((Class<? extends HasMetadata>) c) + "/"
                                        + HasMetadata.getKind((Class<? extends HasMetadata>) c),
                                (Class<? extends HasMetadata>) c));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kinds;
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, KubernetesSchema.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
