package io.shopplatform.infra.config;

import com.google.gson.Gson;
import io.shopplatform.model.Environment;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** A stack's configuration file: {@code Pulumi.<env>.yaml}, beside {@code Pulumi.yaml} at the repository root. */
public final class StackFile {

    private static final Gson JSON = new Gson();

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

    /**
     * The file's {@code config:} section in the form `pulumi up` hands configuration to a program
     * (scalars as text, lists and objects as JSON), so tests read a stack file exactly as the program does.
     */
    public static Map<String, String> read(Environment env) {
        Path file = of(env);
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> document = new Yaml().load(in);
            Object config = document == null ? null : document.get("config");
            if (!(config instanceof Map<?, ?> entries)) {
                throw new IllegalStateException(file + " has no config: section");
            }
            Map<String, String> raw = new LinkedHashMap<>();
            entries.forEach((key, value) -> raw.put(String.valueOf(key),
                    value instanceof Map<?, ?> || value instanceof List<?> ? JSON.toJson(value) : String.valueOf(value)));
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
