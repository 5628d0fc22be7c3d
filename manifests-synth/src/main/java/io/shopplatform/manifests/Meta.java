package io.shopplatform.manifests;

import io.shopplatform.model.Component;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cdk8s.plus25.k8s.ObjectMeta;

/** Names and the {@code app.kubernetes.io/*} labels every object carries. */
public final class Meta {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PLATFORM = "shop-platform";

    private Meta() {}

    /** Selects every pod of a component; network policies use exactly this. */
    public static Map<String, String> selector(String component) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME, component);
        m.put(PART_OF, PLATFORM);
        return m;
    }

    /** Selects the pods of one workload of a component (a component may run several, like PostgreSQL's per-zone sets). */
    public static Map<String, String> selector(Component c, String workload) {
        Map<String, String> m = selector(c.name());
        m.put(INSTANCE, workload);
        return m;
    }

    /** The full label set of a component's objects. */
    public static Map<String, String> labels(Component c, String workload) {
        Map<String, String> m = selector(c, workload);
        m.put(COMPONENT, c.kind().name().toLowerCase(Locale.ROOT));
        c.image().ifPresent(i -> m.put(VERSION, i.tag()));
        m.put(MANAGED_BY, "cdk8s");
        return m;
    }

    /** Labels for objects that belong to the platform as a whole (namespace, policies, rules). */
    public static Map<String, String> platformLabels(String name) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME, name);
        m.put(PART_OF, PLATFORM);
        m.put(MANAGED_BY, "cdk8s");
        return m;
    }

    public static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
        return ObjectMeta.builder().name(name).namespace(namespace).labels(labels).build();
    }

    /** An object of a component's main workload (named after the component). */
    public static ObjectMeta meta(Target target, Component c, String name) {
        return meta(name, target.namespace(), labels(c, c.name()));
    }
}
