package io.shopplatform.infra.config;

import java.util.List;

/** Stack configuration that cannot work; thrown before the program declares any resource. */
public final class InvalidConfigException extends RuntimeException {

    private final List<String> keys;

    InvalidConfigException(String stack, List<Problem> problems) {
        super("invalid configuration for stack " + stack + ":\n  "
                + String.join("\n  ", problems.stream().map(Problem::toString).toList()));
        this.keys = problems.stream().map(Problem::key).toList();
    }

    /** The offending config keys, in the order they were found. */
    public List<String> keys() {
        return keys;
    }

    record Problem(String key, String message) {
        @Override
        public String toString() {
            return key + ": " + message;
        }
    }
}
