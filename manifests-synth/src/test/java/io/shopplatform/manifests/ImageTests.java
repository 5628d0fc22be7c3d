package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopplatform.model.Component;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Image;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CI deploys is what it built: images pinned by the digests it pushed, else tagged with the build's version. */
class ImageTests {

    @Test
    void everyServiceWorkloadRunsTheDigestCiPushed(@TempDir Path dir) throws IOException {
        Map<String, String> digests = Shop.PLATFORM.services().stream().collect(Collectors.toMap(
                s -> s.image().orElseThrow().repository(), s -> digestOf(s.name())));
        Path file = dir.resolve("image-digests.properties");
        Files.write(file, digests.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

        Manifests m = Manifests.synth(Environment.PROD, ImageDigests.read(file).pin(Shop.PLATFORM), dir.resolve("out"));

        for (Component s : Shop.PLATFORM.services()) {
            String repository = s.image().orElseThrow().repository();
            assertThat(containerImages(m, s.name())).as(s.name())
                    .containsExactly(repository + "@" + digestOf(s.name()));
        }
        // Only what the map names is pinned: the data tier keeps its tags.
        assertThat(containerImages(m, Shop.PGPOOL)).allMatch(i -> !i.contains("@"));
    }

    @Test
    void withoutAMapServicesRunTheBuildsVersionTag() {
        Manifests m = Manifests.of(Environment.PROD);
        for (Component s : Shop.PLATFORM.services()) {
            Image image = s.image().orElseThrow();
            assertThat(containerImages(m, s.name())).containsExactly(image.repository() + ":" + image.tag());
        }
        assertThat(Shop.PLATFORM.component(Shop.PRODUCT).image().orElseThrow().tag())
                .isEqualTo(System.getProperty("project.version"));
    }

    @Test
    void aDigestForAnImageNoComponentRunsIsRefused() {
        ImageDigests stale = new ImageDigests(Map.of("ghcr.io/shop-platform/renamed-service", digestOf("x")));
        assertThatThrownBy(() -> stale.pin(Shop.PLATFORM)).hasMessageContaining("renamed-service");
    }

    private static List<String> containerImages(Manifests m, String component) {
        return m.workloads().stream().filter(w -> component.equals(w.labels().get(Meta.NAME)))
                .flatMap(w -> Doc.list(w.podSpec(), "containers").stream())
                .filter(c -> component.equals(c.get("name")))
                .map(c -> (String) c.get("image")).toList();
    }

    private static String digestOf(String name) {
        return "sha256:" + HexFormat.of().formatHex(name.repeat(32).substring(0, 32).getBytes());
    }
}
