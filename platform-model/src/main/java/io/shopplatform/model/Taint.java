package io.shopplatform.model;

/** A node taint (NoSchedule): only pods that tolerate it land on the pool. */
public record Taint(String key, String value) {
    public static final String EFFECT = "NoSchedule";
}
