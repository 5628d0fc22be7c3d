package io.shopplatform.infra.config;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.pulumi.Context;
import io.shopplatform.model.Environment;
import io.shopplatform.model.StackFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw stack configuration by full key ({@code namespace:name}), as Pulumi hands it to a program: scalars as text,
 * lists and objects as JSON; which keys exist, and which of them the stack keeps encrypted.
 */
public interface ConfigSource {

    Optional<String> get(String key);

    /** Every key the stack sets, so that a misspelt one is reported instead of silently ignored. */
    Set<String> keys();

    /** Whether the stack stores the key encrypted ({@code pulumi config set --secret}). */
    boolean isSecret(String key);

    /**
     * The configuration `pulumi up` passes to the running program. Pulumi's Java SDK reads single keys only; the
     * whole set arrives in the same environment variables the SDK parses ({@code PULUMI_CONFIG}, a JSON object, and
     * {@code PULUMI_CONFIG_SECRET_KEYS}, a JSON array).
     */
    static ConfigSource of(Context ctx) {
        Set<String> keys = new TreeSet<>();
        Set<String> secret = new TreeSet<>();
        String all = System.getenv("PULUMI_CONFIG");
        if (all != null && !all.isBlank()) {
            JsonObject config = JsonParser.parseString(all).getAsJsonObject();
            config.keySet().forEach(k -> keys.add(cleanKey(k)));
        }
        String secretKeys = System.getenv("PULUMI_CONFIG_SECRET_KEYS");
        if (secretKeys != null && !secretKeys.isBlank()) {
            JsonArray array = JsonParser.parseString(secretKeys).getAsJsonArray();
            array.forEach(k -> secret.add(cleanKey(k.getAsString())));
        }
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                int colon = key.indexOf(':');
                return ctx.config(key.substring(0, colon)).get(key.substring(colon + 1));
            }

            @Override
            public Set<String> keys() {
                return keys;
            }

            @Override
            public boolean isSecret(String key) {
                return secret.contains(key);
            }
        };
    }

    /** Values as `pulumi up` would pass them; the keys in {@code secret} as if stored with {@code --secret}. */
    static ConfigSource of(Map<String, String> values, Set<String> secret) {
        Map<String, String> copy = Map.copyOf(values);
        Set<String> secretCopy = Set.copyOf(secret);
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys() {
                return copy.keySet();
            }

            @Override
            public boolean isSecret(String key) {
                return secretCopy.contains(key);
            }
        };
    }

    /**
     * The stack file Pulumi.&lt;env&gt;.yaml in the form `pulumi up` hands configuration to a program (scalars as
     * text, lists and objects as JSON), so tests read a stack file exactly as the program does.
     */
    static Map<String, String> stackFile(Environment env) {
        return raw(StackFile.config(env));
    }

    /** Configuration values as YAML parsed them, in the form `pulumi up` hands them to a program. */
    static Map<String, String> raw(Map<String, Object> config) {
        Gson json = new Gson();
        Map<String, String> raw = new LinkedHashMap<>();
        config.forEach((key, value) -> raw.put(key,
                value instanceof Map<?, ?> || value instanceof List<?> ? json.toJson(value) : String.valueOf(value)));
        return raw;
    }

    /** Older Pulumi versions pass keys as {@code project:config:name}. */
    private static String cleanKey(String key) {
        return key.replaceFirst("^([^:]+):config:", "$1:");
    }
}
