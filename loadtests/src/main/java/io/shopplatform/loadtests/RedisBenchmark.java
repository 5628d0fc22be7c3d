package io.shopplatform.loadtests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * redis-benchmark (Redis's own load client) sending the L2 cache's commands, with keys and values of the sizes the
 * services store, to the tier's Redis: {@code SET key value PX ttl} as {@code RedisLayer.put} sends it, then
 * {@code GET key} over the keys just written. Keys carry a prefix of their own and expire a minute later.
 */
final class RedisBenchmark {

    /** One command's throughput and latency, as redis-benchmark's {@code --csv} reports it. */
    record Result(double rps, double averageMs, double p50Ms, double p95Ms, double p99Ms) {}

    /** Mean key and value length (bytes) of the services' string keys, from a sample of the live Redis. */
    record Sizes(int keyBytes, int valueBytes, int sampled) {}

    static final String PREFIX = "ceilings:";
    /** When Redis holds no service key yet (a shop no one has used): about a product's key and cached JSON. */
    static final Sizes DEFAULT_SIZES = new Sizes(20, 400, 0);
    private static final int KEYSPACE = 10_000, SAMPLE = 500, TTL_MILLIS = 60_000;
    private static final Pattern CSV_HEADER = Pattern.compile(
            "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\",\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"");

    private final String host, password;
    private final int port, clients, requests;

    RedisBenchmark(String hostAndPort, String password, int clients, int requests) {
        int colon = hostAndPort.lastIndexOf(':');
        this.host = hostAndPort.substring(0, colon);
        this.port = Integer.parseInt(hostAndPort.substring(colon + 1));
        this.password = password;
        this.clients = clients;
        this.requests = requests;
    }

    /** The services' key and value sizes: a sample of the keys Redis holds now and each one's length. */
    Sizes sizes() {
        List<String> keys = execute(cli("--scan"), null).lines().filter(k -> !k.startsWith(PREFIX)).limit(SAMPLE).toList();
        if (keys.isEmpty()) {
            return DEFAULT_SIZES;
        }
        StringBuilder commands = new StringBuilder();
        keys.forEach(k -> commands.append("STRLEN \"").append(k.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"\n"));
        Sizes s = sizes(keys, execute(cli(), commands.toString()));
        return s.sampled() == 0 ? DEFAULT_SIZES : s;
    }

    /**
     * Keys paired with redis-cli's answers to {@code STRLEN key}, one a line; a key of another type answers an error
     * (which redis-cli follows with an empty line) and is left out.
     */
    static Sizes sizes(List<String> keys, String replies) {
        List<String> strlenReplies = replies.lines().filter(l -> !l.isBlank()).toList();
        if (keys.size() != strlenReplies.size()) {
            throw new IllegalStateException(keys.size() + " keys but " + strlenReplies.size() + " STRLEN replies");
        }
        long keyBytes = 0, valueBytes = 0;
        int n = 0;
        for (int i = 0; i < keys.size(); i++) {
            String reply = strlenReplies.get(i).trim();
            if (reply.matches("\\d+") && !reply.equals("0")) {
                keyBytes += keys.get(i).getBytes(StandardCharsets.UTF_8).length;
                valueBytes += Long.parseLong(reply);
                n++;
            }
        }
        return n == 0 ? new Sizes(0, 0, 0) : new Sizes((int) (keyBytes / n), (int) (valueBytes / n), n);
    }

    /** SET then GET, each {@code requests} times over {@link #KEYSPACE} keys of the given sizes. */
    List<Result> setThenGet(Sizes sizes) {
        // redis-benchmark replaces __rand_int__ with 12 digits: the rest of the key pads it to the services' length.
        String key = PREFIX + "x".repeat(Math.max(0, sizes.keyBytes() - PREFIX.length() - 12)) + "__rand_int__";
        String value = "v".repeat(Math.max(1, sizes.valueBytes()));
        Result set = parse(execute(bench("SET", key, value, "PX", Integer.toString(TTL_MILLIS)), null));
        Result get = parse(execute(bench("GET", key), null));
        return List.of(set, get);
    }

    /** redis-benchmark's {@code --csv} output for one command: a header line, then the command's line. */
    static Result parse(String csv) {
        List<String> lines = csv.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (CSV_HEADER.matcher(lines.get(i)).matches()) {
                header = i;
            }
        }
        if (header < 0 || header + 1 >= lines.size()) {
            throw new IllegalStateException("unexpected redis-benchmark output:\n" + csv);
        }
        String[] f = lines.get(header + 1).split("\",\"");
        if (f.length != 8) {
            throw new IllegalStateException("unexpected redis-benchmark line: " + lines.get(header + 1));
        }
        f[7] = f[7].replace("\"", "");
        return new Result(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), Double.parseDouble(f[6]));
    }

    private List<String> cli(String... args) {
        List<String> c = new ArrayList<>(List.of("redis-cli", "-h", host, "-p", Integer.toString(port)));
        c.addAll(List.of(args));
        return c;
    }

    private List<String> bench(String... command) {
        // redis-benchmark reads no password from the environment (redis-cli does): -a it is, on this machine only.
        List<String> c = new ArrayList<>(List.of("redis-benchmark", "-h", host, "-p", Integer.toString(port),
                "-a", password, "-c", Integer.toString(clients), "-n", Integer.toString(requests),
                "-r", Integer.toString(KEYSPACE), "--csv"));
        c.addAll(List.of(command));
        return c;
    }

    private String execute(List<String> command, String stdin) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("REDISCLI_AUTH", password);
        return Tool.run(builder, stdin);
    }
}
