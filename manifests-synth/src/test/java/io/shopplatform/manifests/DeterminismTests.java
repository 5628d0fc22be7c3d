package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Environment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Synthesizing twice gives byte-identical output: Argo CD must see no diff where nothing changed. */
class DeterminismTests {

    @Test
    void aSecondSynthInTheSameJvmIsByteIdentical() throws IOException {
        for (Environment env : Environment.values()) {
            Path again = Path.of("target", "synth-again", env.id());
            Manifests.synth(env, again);
            assertSameFiles(Manifests.of(env).dir(), again);
        }
    }

    /** A fresh JVM hashes and orders differently; output must not depend on that. */
    @Test
    void aSynthInAFreshJvmIsByteIdentical() throws Exception {
        Path out = Path.of("target", "synth-fresh-jvm");
        Process synth = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Synth.class.getName(), out.toString())
                .inheritIO().start();
        // A deadline, not a speed target: a fresh JVM's synth takes a minute or more on a loaded 2-core machine.
        boolean finished = synth.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            synth.destroyForcibly();
        }
        assertThat(finished).as("synth finished within 5 minutes").isTrue();
        assertThat(synth.exitValue()).isZero();
        for (Environment env : Environment.values()) {
            assertSameFiles(Manifests.of(env).dir(), out.resolve(env.id()));
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        assertThat(names(actual)).isEqualTo(names(expected));
        for (String name : names(expected)) {
            assertThat(Files.readAllBytes(actual.resolve(name))).as(actual + File.separator + name)
                    .isEqualTo(Files.readAllBytes(expected.resolve(name)));
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
