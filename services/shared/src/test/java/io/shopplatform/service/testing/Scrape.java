package io.shopplatform.service.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One service's {@code /actuator/prometheus}, read as Prometheus scrapes it: what a metric's test asserts on. */
public final class Scrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String text;

    private Scrape(String text) {
        this.text = text;
    }

    /** The service's series now, from its management port. */
    public static Scrape of(int managementPort) {
        try {
            return new Scrape(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of {@code series}'s samples whose labels include each {@code label=value} pair given (name, value,
     * name, value ...); fails when the service exports no such sample.
     */
    public double value(String series, String... labelPairs) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(\\{[^}]*})? (\\S+)$").matcher(text);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            boolean matches = true;
            for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                matches &= labels.contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"");
            }
            if (matches) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError(series + " with " + String.join(",", labelPairs) + " is not exported");
        }
        return sum;
    }
}
