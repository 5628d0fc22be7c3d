package io.shopplatform.infra.config;

import com.pulumi.Context;
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
}
