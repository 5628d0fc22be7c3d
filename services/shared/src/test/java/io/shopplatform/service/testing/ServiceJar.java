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
 * service's tokens; or the module under test in a process of its own that a test may SIGKILL ({@link #kill}) and
 * start again ({@link #restart}). Returns once the service reports ready; stopped when the test JVM ends.
 */
public final class ServiceJar {

    private final String name;
    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final File log;
    private final int port, managementPort;
    private volatile Process process;

    private ServiceJar(Builder b) {
        this.name = b.name;
        port = freePort();
        managementPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1"));
        // This test run's scope and consumer groups, as for services started in the test's own JVM.
        command.addAll(DataTierInitializer.systemProperties());
        b.properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (b.mainClass != null) {
            // The module under test itself (its jar is packaged after its tests): from this JVM's class path.
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), b.mainClass));
        } else if (!Files.isRegularFile(b.jar)) {
            throw new IllegalStateException("no " + name + " service jar at " + b.jar + ": build services/" + name + " first");
        } else {
            command.addAll(List.of("-jar", b.jar.toAbsolutePath().toString()));
        }
        log = new File("target/" + name + "-service.log");
        env.putAll(DataTier.shared().env(name));
        env.putAll(b.env);
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        launch();
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(env);
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = started;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        // A busy two-core machine starts a Spring service in tens of seconds; this returns as soon as it is ready.
        await(name + " service ready (" + log + ")").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("the " + name + " service exited; see " + log);
                    }
                    return ready();
                });
    }

    /** SIGKILL, as a crash or an OOM kill ends it: no shutdown hook, no graceful stop. Returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts it again after {@link #kill}, on the same ports with the same settings; returns once it is ready. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    /** A service named as in the model ({@code "user"}), from {@code jar}. */
    public static Builder of(String name, Path jar) {
        return new Builder(name, jar);
    }

    public static final class Builder {
        private final String name;
        private final Path jar;
        private final Map<String, String> env = new LinkedHashMap<>(), properties = new LinkedHashMap<>();
        private String mainClass;

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

        /** Runs {@code mainClass} from the test's own class path instead of the jar (the module under test). */
        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
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

    /** Its actuator (health, {@code /actuator/prometheus}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
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
