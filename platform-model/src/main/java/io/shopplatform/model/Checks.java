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
}
