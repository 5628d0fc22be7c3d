package io.shopplatform.manifests.data;

import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.workloads.Pods;
import io.shopplatform.model.Component;
import io.shopplatform.model.Image;
import io.shopplatform.model.Port;
import io.shopplatform.model.Resources;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cdk8s.plus25.k8s.Container;
import org.cdk8s.plus25.k8s.ContainerPort;
import org.cdk8s.plus25.k8s.EnvVar;
import org.cdk8s.plus25.k8s.ExecAction;
import org.cdk8s.plus25.k8s.HttpGetAction;
import org.cdk8s.plus25.k8s.IntOrString;
import org.cdk8s.plus25.k8s.Probe;
import org.cdk8s.plus25.k8s.TcpSocketAction;
import org.cdk8s.plus25.k8s.VolumeMount;

/** What the data tier's servers have in common: their containers, probes, exporters and member lists. */
final class Servers {
    /** The exporters' metrics port, by the model's name. */
    static final String METRICS = "metrics";
    private static final Resources EXPORTER_SIZE = Resources.builder()
            .cpuRequestMillis(50).cpuLimitMillis(200).memoryMi(64).build();
    /** Beside a server in the Guaranteed class: one Burstable container would put the whole pod in Burstable. */
    private static final Resources GUARANTEED_EXPORTER_SIZE = Resources.builder().guaranteedCpuMillis(100).memoryMi(64).build();

    private Servers() {}

    /** The server's own container, listening on the component's ports except the exporter's. */
    static Container.Builder server(Component c, List<VolumeMount> mounts, List<String> command, List<EnvVar> env) {
        Container.Builder b = Pods.container(c.name(), c.image().orElseThrow(), c.resources(), mounts)
                .command(command)
                .ports(c.ports().stream().filter(p -> !p.name().equals(METRICS)).map(Servers::port).toList());
        return env.isEmpty() ? b : b.env(env);
    }

    /** A Prometheus exporter beside the server, on the component's metrics port. */
    static Container exporter(Component c, Image image, List<String> args, List<EnvVar> env) {
        Port metrics = c.port(METRICS);
        Resources size = c.resources().isGuaranteed() ? GUARANTEED_EXPORTER_SIZE : EXPORTER_SIZE;
        Container.Builder b = Pods.container("exporter", image, size, List.of())
                .args(args)
                .ports(List.of(port(metrics)))
                .livenessProbe(tcp(metrics.name()))
                .readinessProbe(http("/metrics", metrics.name()));
        return (env.isEmpty() ? b : b.env(env)).build();
    }

    static EnvVar env(String name, String value) {
        return EnvVar.builder().name(name).value(value).build();
    }

    static ContainerPort port(Port p) {
        return ContainerPort.builder().name(p.name()).containerPort(p.number()).protocol(p.protocol().name()).build();
    }

    static Probe tcp(String port) {
        return Probe.builder().tcpSocket(TcpSocketAction.builder().port(IntOrString.fromString(port)).build())
                .periodSeconds(10).failureThreshold(3).build();
    }

    static Probe http(String path, String port) {
        return Probe.builder().httpGet(HttpGetAction.builder().path(path).port(IntOrString.fromString(port)).build())
                .periodSeconds(10).failureThreshold(3).timeoutSeconds(3).build();
    }

    static Probe exec(String... command) {
        return Probe.builder().exec(ExecAction.builder().command(List.of(command)).build())
                .periodSeconds(10).failureThreshold(3).timeoutSeconds(5).build();
    }

    /** One StatefulSet named after the component, its pods spread over the zones. */
    static List<StatefulServer.Member> spread(Target target, Component c) {
        return List.of(new StatefulServer.Member(c.name(), target.instances(c), Optional.empty()));
    }

    /** Every member's DNS name, joined by {@code separator}, each followed by {@code suffix} (":port" or ""). */
    static String memberHosts(Target target, Component c, String suffix, String separator) {
        return IntStream.range(0, target.instances(c))
                .mapToObj(i -> target.podHost(c.name(), i, c.name()) + suffix)
                .collect(Collectors.joining(separator));
    }

    /** A share of a memory size in Mi, for heaps and cache sizes that must fit under the container's limit. */
    static int shareOfMemoryMi(Resources r, int percent) {
        return r.memoryLimitMi() * percent / 100;
    }
}
