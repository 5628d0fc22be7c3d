package io.shopplatform.manifests;

import io.shopplatform.manifests.validation.Yaml;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one environment synthesizes to, read back from disk. Each environment is synthesized once per test JVM
 * (the first synth starts Node for jsii, about a second) and shared by every test class.
 */
public record Manifests(Environment env, Path dir, List<Doc> documents) {
    private static final Map<Environment, Manifests> SYNTHESIZED = new EnumMap<>(Environment.class);

    public static synchronized Manifests of(Environment env) {
        return SYNTHESIZED.computeIfAbsent(env, e -> synth(e, Path.of("target", "synth", e.id())));
    }

    public static Manifests synth(Environment env, Path dir) {
        return synth(env, Shop.PLATFORM, dir);
    }

    public static Manifests synth(Environment env, Platform platform, Path dir) {
        Synth.synth(platform, env, dir);
        return read(env, dir);
    }

    public static Manifests read(Environment env, Path dir) {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Yaml.documents(Files.readString(f)).forEach(d -> docs.add(new Doc(f.getFileName().toString(), d)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(env, dir, List.copyOf(docs));
    }

    public Target target() {
        return Target.of(Shop.PLATFORM, env);
    }

    public List<Doc> ofKind(String kind) {
        return documents.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    public Optional<Doc> find(String kind, String name) {
        return documents.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst();
    }

    public Doc get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + env.id()));
    }

    public List<Doc> workloads() {
        return documents.stream().filter(d -> Doc.WORKLOADS.contains(d.kind())).toList();
    }
}
