package io.shopplatform.infra.config;

import com.google.gson.Gson;
import com.pulumi.Context;
import io.shopplatform.model.Environment;
import io.shopplatform.model.StackFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw stack configuration by full key ({@code namespace:name}), as Pulumi hands it to a program:
 * scalars as text, lists and objects as JSON.
 */
@FunctionalInterface
public interface ConfigSource {

    Optional<String> get(String key);

    /** The configuration `pulumi up` passes to the running program. */
    static ConfigSource of(Context ctx) {
        return key -> {
            int colon = key.indexOf(':');
            return ctx.config(key.substring(0, colon)).get(key.substring(colon + 1));
        };
    }

    static ConfigSource of(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    /**
     * The stack file Pulumi.&lt;env&gt;.yaml in the form `pulumi up` hands configuration to a program (scalars as
     * text, lists and objects as JSON), so tests read a stack file exactly as the program does.
     */
    static Map<String, String> stackFile(Environment env) {
        Gson json = new Gson();
        Map<String, String> raw = new LinkedHashMap<>();
        StackFile.config(env).forEach((key, value) -> raw.put(key,
                value instanceof Map<?, ?> || value instanceof List<?> ? json.toJson(value) : String.valueOf(value)));
        return raw;
    }
}
