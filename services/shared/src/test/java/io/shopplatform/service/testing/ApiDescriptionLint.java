package io.shopplatform.service.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAPI description as client teams' tooling judges it: Redocly CLI's {@code lint} with its recommended rules,
 * run with Node on the CLI the build unpacks from the npm registry (system property {@code shop.redocly.cli}, set by
 * the root pom for every module under {@code services/}; version pinned there). Each service's integration tests
 * lint the description their running instance serves, once:
 *
 * <pre>ApiDescriptionLint.Result lint = ApiDescriptionLint.of(api.get("/v3/api-docs", null).body(), "product");
 * assertThat(lint.errors()).isEmpty();</pre>
 */
public final class ApiDescriptionLint {

    /** One finding: the rule, where ({@code #/paths/...}), and what it says. */
    public record Problem(String rule, String severity, String pointer, String message) {
        @Override
        public String toString() {
            return rule + " at " + pointer + ": " + message;
        }
    }

    /** Everything the linter found, split by severity. */
    public record Result(List<Problem> errors, List<Problem> warnings) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LINT_TIMEOUT_SECONDS = 60;

    private ApiDescriptionLint() {}

    /**
     * Lints {@code description} (JSON or YAML), written to {@code target/openapi/<service>.openapi.json}, and prints
     * the counts and each warning under {@code service}.
     */
    public static Result of(String description, String service) {
        Path cli = cli();
        try {
            // Kept beside the module's build output, for a reader of the findings (and client teams' generators).
            Path file = Files.writeString(Files.createDirectories(Path.of("target", "openapi"))
                    .resolve(service + ".openapi.json"), description, StandardCharsets.UTF_8);
            ProcessBuilder lint = new ProcessBuilder("node", cli.toString(), "lint", file.toString(), "--format=json")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);   // Node's deprecation banner, and nothing else
            // No calls home from a test run (CI reaches only the package registries).
            lint.environment().put("REDOCLY_TELEMETRY", "off");
            lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = lint.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(LINT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redocly lint did not finish in " + LINT_TIMEOUT_SECONDS + " s");
            }
            if (!out.contains("\"problems\"")) {
                throw new IllegalStateException("redocly lint gave no report; was this a description? "
                        + description.substring(0, Math.min(description.length(), 300)));
            }
            Result result = parse(out);
            System.out.printf("%s: OpenAPI description (Redocly %s, recommended rules): %d errors, %d warnings%n",
                    service, JSON.readTree(out).path("version").asText(), result.errors().size(), result.warnings().size());
            result.warnings().forEach(w -> System.out.println("  warning " + w));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result parse(String lintJson) throws IOException {
        JsonNode report = JSON.readTree(lintJson);
        List<Problem> errors = new ArrayList<>(), warnings = new ArrayList<>();
        for (JsonNode p : report.path("problems")) {
            String pointer = p.path("location").path(0).path("pointer").asText();
            Problem problem = new Problem(p.path("ruleId").asText(), p.path("severity").asText(), pointer,
                    p.path("message").asText());
            ("error".equals(problem.severity()) ? errors : warnings).add(problem);
        }
        return new Result(List.copyOf(errors), List.copyOf(warnings));
    }

    private static Path cli() {
        String configured = System.getProperty("shop.redocly.cli");
        Path cli = configured == null ? null : Path.of(configured);
        if (cli == null || !Files.isRegularFile(cli)) {
            throw new IllegalStateException("no Redocly CLI at " + configured + ": the root pom's service-code profile"
                    + " unpacks it (mvn generate-test-resources) and sets shop.redocly.cli for the tests");
        }
        return cli;
    }
}
