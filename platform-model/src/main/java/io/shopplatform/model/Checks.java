package io.shopplatform.model;

import java.util.regex.Pattern;

final class Checks {
    /** Names become Kubernetes object names and DNS labels, so they follow RFC 1123. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private Checks() {}

    static String name(String value, String what) {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be a lower-case DNS label");
        }
        return value;
    }

    static int percent(int value, String what) {
        if (value < 1 || value > 100) {
            throw new IllegalArgumentException(what + " must be 1..100, was " + value);
        }
        return value;
    }

    static double ratio(double value, String what) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be a ratio between 0 and 1, was " + value);
        }
        return value;
    }

    static int positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }

    /** A value a builder was never given: named, so the declaration that forgot it is easy to find. */
    static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    static java.time.Duration positive(java.time.Duration value, String what) {
        if (required(value, what).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
