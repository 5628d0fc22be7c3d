package io.shopplatform.manifests;

import io.shopplatform.monitoring.Queries;
import java.time.Duration;
import org.cdk8s.plus25.k8s.Quantity;

/** Conversions from the model's numbers to Kubernetes and Prometheus notation. */
public final class Units {
    private Units() {}

    /** 1000 stays "1000", 0.15 becomes "150m": quantities may not carry a decimal fraction below 1. */
    public static String quantity(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Math.round(value * 1000) + "m";
    }

    public static Quantity q(String value) {
        return Quantity.fromString(value);
    }

    /** A Prometheus / Argo duration: "5m", "30s", "2h". */
    public static String duration(Duration d) {
        return Queries.duration(d);
    }
}
