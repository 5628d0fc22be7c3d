package io.shopplatform.manifests;

import io.shopplatform.manifests.data.DataTierChart;
import io.shopplatform.manifests.network.NetworkChart;
import io.shopplatform.manifests.operations.BootstrapChart;
import io.shopplatform.manifests.operations.OperationsChart;
import io.shopplatform.manifests.workloads.ServicesChart;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.YamlOutputType;

/**
 * Writes every environment's manifests to {@code <out>/<env>/<chart>.k8s.yaml}: Argo CD syncs that folder, infra/
 * applies its {@link BootstrapChart#FILE}. With {@code -Dshop.image.digests=FILE} ({@link ImageDigests}) the images
 * CI pushed are pinned by digest.
 */
public final class Synth {

    private Synth() {}

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "dist");
        Platform platform = ImageDigests.fromSystemProperty().pin(Shop.PLATFORM);
        for (Environment env : Environment.values()) {
            synth(platform, env, out.resolve(env.id()));
        }
    }

    /** Replaces {@code outdir} with the environment's manifests: nothing stale survives a synth. */
    public static void synth(Platform platform, Environment env, Path outdir) {
        delete(outdir);
        App app = new App(AppProps.builder()
                .outdir(outdir.toString())
                .yamlOutputType(YamlOutputType.FILE_PER_CHART)
                .build());
        Target target = Target.of(platform, env);
        new NetworkChart(app, target);
        new ServicesChart(app, target);
        new DataTierChart(app, target);
        new OperationsChart(app, target);
        new BootstrapChart(app, target);
        app.synth();
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
