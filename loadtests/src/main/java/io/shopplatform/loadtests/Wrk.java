package io.shopplatform.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** wrk (apt install wrk): a C load generator, so the generator costs the shared cores less than the service does. */
final class Wrk {

    /** Throughput and latency percentiles of one run. */
    record Result(double rps, double p50Millis, double p95Millis, double p99Millis, long bytesPerResponse) {}

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    /** Printed by {@link #STATUSES}' done(): wrk's own histogram, in microseconds. */
    private static final Pattern PERCENTILES = Pattern.compile("latency us p50 ([0-9]+) p95 ([0-9]+) p99 ([0-9]+)");
    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in .*?, ([0-9.]+)(B|KB|MB|GB) read");

    /**
     * Counts answers other than 2xx per status in each thread and prints them at the end ({@code status 429: 12}),
     * with the first such answer's body, so a failed run says what went wrong; prints p50/p95/p99 (wrk's summary
     * shows no p95).
     */
    private static final String STATUSES = """
            local threads = {}
            setup = function(thread) table.insert(threads, thread) end
            failed = {}
            sample = ""
            response = function(status, headers, body)
              if status > 299 then
                failed[status] = (failed[status] or 0) + 1
                if sample == "" then sample = string.sub(body or "", 1, 300) end
              end
            end
            done = function(summary, latency, requests)
              io.write(string.format("latency us p50 %d p95 %d p99 %d\\n", latency:percentile(50),
                latency:percentile(95), latency:percentile(99)))
              local total, first = {}, ""
              for _, t in ipairs(threads) do
                for status, n in pairs(t:get("failed")) do total[status] = (total[status] or 0) + n end
                if first == "" then first = t:get("sample") end
              end
              for status, n in pairs(total) do io.write("status " .. status .. ": " .. n .. "\\n") end
              if first ~= "" then io.write("first failed answer: " .. first .. "\\n") end
            end
            """;

    private static final int WARM_UPS = 3;

    private final int threads, connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    /** One request of the cycle wrk sends; {@code body} (JSON) for a POST, null for a GET. */
    record Request(String method, String path, String body) {
        static Request get(String path) {
            return new Request("GET", path, null);
        }

        static Request postJson(String path, String body) {
            return new Request("POST", path, body);
        }

        private String lua() {
            return "wrk.format(\"" + method + "\", \"" + path + "\", "
                    + (body == null ? "nil, nil" : "{[\"Content-Type\"] = \"application/json\"}, " + quoted(body)) + ")";
        }

        private static String quoted(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /** GETs {@code base + paths[i]}, cycling through the paths, for {@code duration}. */
    Result run(String base, List<String> paths, Duration duration) {
        return send(base, paths.stream().map(Request::get).toList(), duration);
    }

    /** GETs for warming up; see {@link #warmUpSending}. */
    void warmUp(String base, List<String> paths, Duration duration) {
        warmUpSending(base, paths.stream().map(Request::get).toList(), duration);
    }

    /**
     * Sends the requests until a whole run of {@code duration} is answered 2xx, at most {@link #WARM_UPS} runs: a
     * cold JVM (and a gateway whose breaker opened on a cold backend, answering 503 until it closes) may fail a few
     * before it is warm. Says what it saw; the measured runs after it must be clean.
     */
    void warmUpSending(String base, List<Request> requests, Duration duration) {
        for (int run = 1; ; run++) {
            String out = execute(base, requests, duration);
            if (!out.contains("Non-2xx")) {
                return;   // slow answers (wrk's 2 s socket timeouts, say for BCrypt logins) are load, not errors
            }
            String statuses = out.lines().filter(l -> l.startsWith("status ") || l.startsWith("first failed"))
                    .collect(Collectors.joining(", "));
            if (run == WARM_UPS) {
                throw new IllegalStateException("still not answering 2xx after " + run + " warm-ups:\n" + out);
            }
            System.out.printf("  warm-up %d of %s: %s; again%n", run, base, statuses);
        }
    }

    /** Sends the requests in turn, cycling, for {@code duration}; any answer other than 2xx fails the run. */
    Result send(String base, List<Request> requests, Duration duration) {
        return parse(execute(base, requests, duration));
    }

    /** wrk's output with {@link #STATUSES}' lines; a run with any answer other than 2xx is refused. */
    static Result parse(String out) {
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw errors:\n" + out);
        }
        Matcher p = find(PERCENTILES, out);
        return new Result(Double.parseDouble(find(RPS, out).group(1)), Long.parseLong(p.group(1)) / 1000.0,
                Long.parseLong(p.group(2)) / 1000.0, Long.parseLong(p.group(3)) / 1000.0, bytesPerResponse(out));
    }

    /** The run of median throughput: rounds alternated with another load share a neighbour's noise alike. */
    static Result median(List<Result> rounds) {
        return rounds.stream().sorted(Comparator.comparingDouble(Result::rps)).toList().get(rounds.size() / 2);
    }

    private String execute(String base, List<Request> requests, Duration duration) {
        try {
            Path script = Files.createTempFile("wrk-requests", ".lua");
            // Requests are formatted once: wrk's request() then only picks the next one.
            Files.writeString(script, "local requests = {}\ninit = function()\n"
                    + requests.stream().map(r -> "  table.insert(requests, " + r.lua() + ")\n").collect(Collectors.joining())
                    + "end\nlocal i = 0\n"
                    + "request = function()\n  i = i + 1\n  return requests[(i % #requests) + 1]\nend\n"
                    + STATUSES);
            String out = Tool.run(new ProcessBuilder("wrk", "-t" + threads, "-c" + connections,
                    "-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(), base), null);
            Files.delete(script);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Matcher find(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        return m;
    }

    private static long bytesPerResponse(String out) {
        Matcher m = find(REQUESTS, out);
        double bytes = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
            case "KB" -> 1024;
            case "MB" -> 1024 * 1024;
            case "GB" -> 1024 * 1024 * 1024;
            default -> 1;
        };
        return Math.round(bytes / Long.parseLong(m.group(1)));
    }
}
