package io.shopplatform.loadtests.shop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' own meters, read from {@code /actuator/prometheus} before and after a run: what the shop counted
 * while it was under load (database statement times, cache hits, requests served, CPU spent). A snapshot maps each
 * service to its samples ({@code name{labels}} → value); {@link #since} gives the growth of counters between two.
 */
public record ServiceMetrics(Map<String, Map<String, Double>> samples) {

    /** The query timers' metric ({@code shop.db.queries}, by kind, with the model's targets as buckets). */
    static final String DB_QUERIES = "shop_db_queries_seconds";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every service's samples now; a service that does not answer is left out (and said so). */
    public static ServiceMetrics scrape(Map<String, String> managementUrls) {
        Map<String, Map<String, Double>> all = new TreeMap<>();
        managementUrls.forEach((service, url) -> {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    all.put(service, parse(r.body()));
                } else {
                    System.err.println("metrics of " + service + ": HTTP " + r.statusCode());
                }
            } catch (IOException e) {
                System.err.println("metrics of " + service + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return new ServiceMetrics(all);
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                try {
                    samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
                } catch (NumberFormatException ignored) {
                    // NaN-like values other than Java's spelling: not a counter we read.
                }
            }
        }
        return samples;
    }

    /** Each sample's growth since {@code before} (a counter that reset counts from zero). */
    ServiceMetrics since(ServiceMetrics before) {
        Map<String, Map<String, Double>> diff = new TreeMap<>();
        samples.forEach((service, now) -> {
            Map<String, Double> then = before.samples.getOrDefault(service, Map.of());
            Map<String, Double> d = new HashMap<>();
            now.forEach((k, v) -> {
                double old = then.getOrDefault(k, 0.0);
                d.put(k, v >= old ? v - old : v);
            });
            diff.put(service, d);
        });
        return new ServiceMetrics(diff);
    }

    /** The sum of samples whose name is {@code name} and whose labels contain every one of {@code labels}. */
    public double ofService(String service, String name, String... labels) {
        return samples.getOrDefault(service, Map.of()).entrySet().stream()
                .filter(e -> matches(e.getKey(), name, labels)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** How many of {@code service}'s series match (a gauge's series, say, one per cache). */
    public long count(String service, String name, String... labels) {
        return samples.getOrDefault(service, Map.of()).keySet().stream().filter(k -> matches(k, name, labels)).count();
    }

    double total(String name, String... labels) {
        return samples.keySet().stream().mapToDouble(s -> ofService(s, name, labels)).sum();
    }

    /**
     * Statement times of one kind over every service, from the timers' buckets: the count, and per bucket bound (in
     * ms) the share of statements that took at most that long.
     */
    Histogram queries(String kind) {
        String label = "kind=\"" + kind + "\"";
        Map<Double, Double> cumulative = new TreeMap<>();
        samples.values().forEach(s -> s.forEach((k, v) -> {
            if (matches(k, DB_QUERIES + "_bucket", label)) {
                Matcher le = LE.matcher(k);
                if (le.find() && !le.group(1).equals("+Inf")) {
                    cumulative.merge(Double.parseDouble(le.group(1)) * 1000, v, Double::sum);
                }
            }
        }));
        return new Histogram(total(DB_QUERIES + "_count", label), cumulative);
    }

    /** A cumulative histogram: bucket upper bound (ms) → how many took at most that long. */
    record Histogram(double count, Map<Double, Double> cumulative) {

        /** The smallest bucket bound holding at least {@code p}% of the statements; infinite past the last bound. */
        double percentileAtMost(double p) {
            if (count == 0) {
                return 0;
            }
            return cumulative.entrySet().stream().filter(e -> e.getValue() >= p / 100 * count)
                    .map(Map.Entry::getKey).findFirst().orElse(Double.POSITIVE_INFINITY);
        }

        /** The share of statements that took at most {@code millis} (1 when there were none). */
        double shareWithin(double millis) {
            if (count == 0) {
                return 1;
            }
            Double at = cumulative.get(millis);
            if (at == null) {
                throw new IllegalStateException("the query timers have no bucket at " + millis + " ms: " + cumulative.keySet());
            }
            return at / count;
        }
    }

    private static boolean matches(String key, String name, String... labels) {
        int brace = key.indexOf('{');
        if (!(brace < 0 ? key : key.substring(0, brace)).equals(name)) {
            return false;
        }
        Predicate<String> has = key::contains;
        for (String label : labels) {
            if (!has.test(label)) {
                return false;
            }
        }
        return true;
    }
}
