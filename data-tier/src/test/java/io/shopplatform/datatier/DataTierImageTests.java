package io.shopplatform.datatier;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.ServerVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster's data-tier image and the local tier run the same programs: the Dockerfile is the model's rendering,
 * and the Debian packages installed here are the versions the image pins. (That the image builds and pushes is
 * CI's to show: no container engine runs here.)
 */
class DataTierImageTests {

    @Test
    void theDockerfileIsTheRendering() throws Exception {
        assertThat(Files.readString(Path.of("image", "Dockerfile"))).isEqualTo(DataTierImage.dockerfile());
    }

    @Test
    void theLocalPackagesAreTheImagesVersions() throws Exception {
        Map<String, String> pinned = Map.of("postgresql-" + ServerVersions.POSTGRESQL_MAJOR, ServerVersions.POSTGRESQL_DEB,
                "pgpool2", ServerVersions.PGPOOL_DEB, "pgbackrest", ServerVersions.PGBACKREST_DEB);
        for (var p : pinned.entrySet()) {
            Process q = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", p.getKey()).start();
            String installed = new String(q.getInputStream().readAllBytes()).strip();
            assertThat(q.waitFor()).isZero();
            assertThat(installed).as("%s installed here; the root pom pins %s for the image and the runner (bump the pin "
                    + "when Debian updates the package)", p.getKey(), p.getValue()).isEqualTo(p.getValue());
        }
    }
}
