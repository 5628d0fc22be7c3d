package io.shopplatform.manifests;

import io.shopplatform.model.Component;
import io.shopplatform.model.Platform;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The digests CI pushed, by image repository ({@code ghcr.io/shop-platform/product-service=sha256:...}, one per
 * line). Pinned, every workload of a mapped image runs exactly the image that was built and tested, and each build
 * changes what Argo CD deploys; without a map, images keep the model's tag (the build's version).
 */
public record ImageDigests(Map<String, String> byRepository) {

    /** The system property naming the map's file; unset or blank means no map. */
    public static final String PROPERTY = "shop.image.digests";

    public ImageDigests {
        byRepository = Map.copyOf(byRepository);
    }

    public static ImageDigests none() {
        return new ImageDigests(Map.of());
    }

    /** The map named by {@link #PROPERTY}, if any. */
    public static ImageDigests fromSystemProperty() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(p -> !p.isBlank())
                .map(p -> read(Path.of(p))).orElse(none());
    }

    public static ImageDigests read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image digests " + file, e);
        }
        Map<String, String> map = new TreeMap<>();
        p.forEach((repository, digest) -> map.put(repository.toString().trim(), digest.toString().trim()));
        return new ImageDigests(map);
    }

    /**
     * The platform with every mapped image pinned to its digest. A repository in the map that no component uses is
     * refused: a renamed service would otherwise silently keep its old tag.
     */
    public Platform pin(Platform platform) {
        byRepository.keySet().stream()
                .filter(r -> platform.components().stream()
                        .noneMatch(c -> c.image().map(i -> i.repository().equals(r)).orElse(false)))
                .findFirst().ifPresent(r -> {
                    throw new IllegalArgumentException("image digests name " + r + ", which no component runs");
                });
        return platform.toBuilder().components(platform.components().stream().map(this::pin).toList()).build();
    }

    private Component pin(Component c) {
        return c.image().filter(i -> byRepository.containsKey(i.repository()))
                .map(i -> c.withImage(i.withDigest(byRepository.get(i.repository())))).orElse(c);
    }
}
