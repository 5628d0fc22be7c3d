package io.shopplatform.model;

import java.util.List;
import java.util.Optional;

/**
 * One deployable part of the platform.
 *
 * @param replicas   instances in production at rest (for services, the HPA minimum)
 * @param nodePool   the node pool it runs on, by name; empty for external components
 * @param peers      whether instances talk to each other (replication, cluster bus): gets a self edge
 * @param schedule   cron schedule, for {@link Kind#JOB} only
 */
public record Component(
        String name,
        Kind kind,
        String purpose,
        Optional<Image> image,
        List<Port> ports,
        int replicas,
        Resources resources,
        Optional<Autoscaling> autoscaling,
        Optional<String> nodePool,
        boolean peers,
        Optional<String> schedule) {

    public Component {
        Checks.name(name, "component name");
        ports = List.copyOf(ports);
        if (kind != Kind.EXTERNAL && image.isEmpty()) {
            throw new IllegalArgumentException(name + ": every deployed component needs a pinned image");
        }
        if (kind == Kind.SERVICE && autoscaling.isEmpty()) {
            throw new IllegalArgumentException(name + ": every service scales (seed: HPA per service)");
        }
        autoscaling.ifPresent(a -> {
            if (a.minReplicas() != replicas) {
                throw new IllegalArgumentException(name + ": replicas must equal the HPA minimum");
            }
        });
        if ((kind == Kind.JOB) != schedule.isPresent()) {
            throw new IllegalArgumentException(name + ": jobs and only jobs have a schedule");
        }
    }

    public Port port(String portName) {
        return ports.stream().filter(p -> p.name().equals(portName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no port named " + portName));
    }

    /** The port clients use: the first declared. */
    public Port mainPort() {
        if (ports.isEmpty()) {
            throw new IllegalStateException(name + " listens on nothing");
        }
        return ports.get(0);
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }
}
