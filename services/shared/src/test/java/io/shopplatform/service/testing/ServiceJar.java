package io.shopplatform.service.testing;

import static org.awaitility.Awaitility.await;

import io.shopplatform.testing.DataTier;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real service started from its jar (built earlier in the reactor) on the shared tier, with exactly the
 * environment the runner gives it ({@code DataTier.env(name)}, on the tests' database), for tests of another
 * module that need it running: the gateway in front of product and user, a service validating the user
 * service's tokens. Returns once the service reports ready; stopped when the test JVM ends.
 */
public final class ServiceJar {

    private final String name;
    private final Process process;
    private final int port, managementPort;

    private ServiceJar(Builder b) {
        this.name = b.name;
        if (!Files.isRegularFile(b.jar)) {
            throw new IllegalStateException("no " + name + " service jar at " + b.jar + ": build services/" + name + " first");
        }
        port = freePort();
        managementPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1"));
        // This test run's consumer groups, as for services started in the test's own JVM.
        command.add("-Dshop.kafka.group-suffix=" + DataTierInitializer.GROUP_SUFFIX);
        b.properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", b.jar.toAbsolutePath().toString()));
        File log = new File("target/" + name + "-service.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(DataTier.shared().env(name));
        builder.environment().putAll(b.env);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        // A busy two-core machine starts a Spring service in tens of seconds; this returns as soon as it is ready.
        await(name + " service ready (" + log + ")").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the " + name + " service exited; see " + log);
                    }
                    return ready();
                });
    }

    /** A service named as in the model ({@code "user"}), from {@code jar}. */
    public static Builder of(String name, Path jar) {
        return new Builder(name, jar);
    }

    public static final class Builder {
        private final String name;
        private final Path jar;
        private final Map<String, String> env = new LinkedHashMap<>(), properties = new LinkedHashMap<>();

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** An environment variable over the runner's (another service's URL, say). */
        public Builder env(String variable, String value) {
            env.put(variable, value);
            return this;
        }

        /** A system property: for a test-only setting the runner never passes (a consumer group of its own). */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public ServiceJar start() {
            return new ServiceJar(this);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private boolean ready() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
