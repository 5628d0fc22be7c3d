package io.shopplatform.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build of the platform carries (the Maven project's), which its service images are tagged with. */
final class BuildVersion {

    private static final String FILE = "build.properties";

    private BuildVersion() {}

    static String current() {
        Properties p = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing beside " + BuildVersion.class.getName());
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version", "");
        if (version.isBlank() || version.startsWith("@")) {
            throw new IllegalStateException(FILE + " was not filtered by the build: version=" + version);
        }
        return version;
    }
}
