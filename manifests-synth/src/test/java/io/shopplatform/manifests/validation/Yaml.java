package io.shopplatform.manifests.validation;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads (multi-document) YAML into plain maps and lists. */
public final class Yaml {
    private static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {}

    public static List<Map<String, Object>> documents(String text) {
        try (var it = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {}).<Map<String, Object>>readValues(text)) {
            return it.readAll().stream().filter(d -> d != null && !d.isEmpty()).toList();
        }
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
