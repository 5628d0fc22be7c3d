package io.shopplatform.model;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * An environment's Pulumi stack file, {@code Pulumi.<env>.yaml} beside {@code Pulumi.yaml} at the repository root:
 * infra/ runs with it as its stack configuration, and manifests-synth reads the environment's {@link Site} from it.
 */
public final class StackFile {

    /** The project name in Pulumi.yaml, which Pulumi uses as the namespace of the program's own keys. */
    public static final String NAMESPACE = "shop-platform";
    /**
     * The commit of the manifests branch an environment syncs. Promotion is a commit that changes it: manifests-synth
     * writes it into the environment's Argo CD Application, infra/ checks it and applies that Application.
     */
    public static final String MANIFESTS_REVISION = NAMESPACE + ":manifestsRevision";

    private StackFile() {}

    /** The repository root: the nearest folder at or above the working directory that holds Pulumi.yaml. */
    public static Path repositoryRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Pulumi.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Pulumi.yaml at or above " + cwd + ": run from the shop-platform repository");
    }

    public static Path of(Environment env) {
        return repositoryRoot().resolve("Pulumi." + env.id() + ".yaml");
    }

    /** The text value of {@code key} in the environment's stack file, if it states one. */
    public static Optional<String> text(Environment env, String key) {
        return config(env).get(key) instanceof String value && !value.isBlank() ? Optional.of(value.trim()) : Optional.empty();
    }

    /** The file's {@code config:} section by full key ({@code namespace:name}), values as YAML parsed them. */
    public static Map<String, Object> config(Environment env) {
        Path file = of(env);
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> document = new Yaml().load(in);
            Object config = document == null ? null : document.get("config");
            if (!(config instanceof Map<?, ?> entries)) {
                throw new IllegalStateException(file + " has no config: section");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            entries.forEach((key, value) -> values.put(String.valueOf(key), value));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
