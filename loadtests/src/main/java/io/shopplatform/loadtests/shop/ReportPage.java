package io.shopplatform.loadtests.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The run's summary page ({@code summary.html} beside {@code summary.json} and Gatling's {@code index.html}): throughput
 * and p50/p95/p99 against concurrent users (and the load they offer) for each level, the knee of a step search marked,
 * the gates and the sizing table beside them. Drawn as inline SVG from the summary alone: no script, no stylesheet
 * or font from anywhere, so it opens from the report folder on a machine without internet.
 * <p>
 * The markup is well-formed XML (only XML's own entities, every element closed), so a test can parse it.
 */
final class ReportPage {

    static final String FILE = "summary.html";
    private static final int WIDTH = 560, HEIGHT = 300, LEFT = 64, RIGHT = 16, TOP = 28, BOTTOM = 56;
    private static final String PASS = "#2b7a3d", FAIL = "#c0392b";

    /** One level of the load: a step search has several, any other run one. */
    record Step(int level, int users, double offeredRps, double rps, double p50Ms, double p95Ms, double p99Ms,
                double errorRate, boolean passed) {}

    private record Series(String name, String cssClass, String color, ToDoubleFunction<Step> value) {}

    private ReportPage() {}

    /** Writes the page into the report folder; returns its path. */
    static Path write(Path reportDir, JsonNode summary) {
        Path page = reportDir.resolve(FILE);
        try {
            Files.writeString(page, render(summary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return page;
    }

    /** The levels of a step search, or the whole run as one level. */
    static List<Step> steps(JsonNode summary) {
        double thinkSeconds = summary.path("thinkTimeMs").asDouble() / 1000;
        List<Step> steps = new ArrayList<>();
        JsonNode levels = summary.path("levels");
        if (levels.isArray() && !levels.isEmpty()) {
            for (JsonNode l : levels) {
                steps.add(step(l, l.path("level").asInt(), l.path("users").asInt(), thinkSeconds,
                        l.path("passed").asBoolean()));
            }
        } else {
            boolean passed = true;
            for (JsonNode g : summary.path("gates")) {
                passed &= g.path("passed").asBoolean();
            }
            steps.add(step(summary.path("gateway"), 1, summary.path("users").asInt(), thinkSeconds, passed));
        }
        return steps;
    }

    private static Step step(JsonNode s, int level, int users, double thinkSeconds, boolean passed) {
        return new Step(level, users, thinkSeconds > 0 ? users / thinkSeconds : 0, s.path("rps").asDouble(),
                s.path("p50Ms").asDouble(), s.path("p95Ms").asDouble(), s.path("p99Ms").asDouble(),
                s.path("errorRate").asDouble(), passed);
    }

    static String render(JsonNode summary) {
        List<Step> steps = steps(summary);
        Integer knee = summary.hasNonNull("kneeLevel") ? summary.get("kneeLevel").asInt() : null;
        boolean search = summary.path("levels").isArray() && !summary.path("levels").isEmpty();
        String title = "%s × %s, %s".formatted(summary.path("profile").asText(), summary.path("scale").asText(),
                summary.path("shape").asText());
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Load: ")
                .append(esc(title)).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}.pass{color:").append(PASS).append("}.fail{color:")
                .append(FAIL).append("}.charts{display:flex;flex-wrap:wrap;gap:1em}.side{display:flex;flex-wrap:wrap;gap:2em}")
                .append("</style></head>\n<body>\n<h1>Load: ").append(esc(title)).append("</h1>\n<p>")
                .append(summary.path("users").asInt()).append(" users").append(search ? " per level" : "")
                .append(", think time ").append(summary.path("thinkTimeMs").asLong()).append(" ms, ")
                .append(fmt(summary.path("seconds").asDouble())).append(" s. ");
        if (search) {
            h.append(knee == null ? "<strong class=\"fail\">No level passed its gates.</strong>"
                    : "<strong>Knee: level " + knee + " (" + steps.get(knee - 1).users() + " users, "
                    + fmt(steps.get(knee - 1).rps()) + " requests/s)</strong>, the last level whose gates all passed.");
        }
        h.append(" Gatling's report: <a href=\"index.html\">index.html</a>; the figures: "
                + "<a href=\"summary.json\">summary.json</a>.</p>\n<div class=\"charts\">\n");
        h.append(chart("Throughput through the gateway", "requests/s", steps, knee, List.of(
                new Series("achieved", "throughput", "#1f5fa8", Step::rps),
                new Series("offered", "offered", "#999999", Step::offeredRps)), null));
        h.append(chart("Response time through the gateway", "ms", steps, knee, List.of(
                new Series("p50", "p50", "#6aa84f", Step::p50Ms),
                new Series("p95", "p95", "#e69138", Step::p95Ms),
                new Series("p99", "p99", "#9b2d8e", Step::p99Ms)), p95Limit(summary)));
        h.append("</div>\n");
        levelsTable(h, steps, knee);
        String gatesOf = !search ? "" : knee != null ? " (of the knee's level)" : " (of level 1)";
        h.append("<div class=\"side\">\n<div><h2>Gates").append(gatesOf)
                .append("</h2>\n<table><tr><th>gate</th><th>limit</th><th>measured</th><th></th></tr>\n");
        for (JsonNode g : summary.path("gates")) {
            boolean ok = g.path("passed").asBoolean();
            h.append("<tr class=\"gate\"><td>").append(esc(g.path("gate").asText())).append("</td><td>")
                    .append(esc(g.path("limit").asText())).append("</td><td>").append(esc(g.path("measured").asText()))
                    .append("</td><td class=\"").append(ok ? "pass\">pass" : "fail\">FAIL").append("</td></tr>\n");
        }
        h.append("</table>\n<p>Cache hit ratio ").append(esc(summary.at("/cache/hitRatio").asText()))
                .append("; database read p95 ≤ ").append(esc(summary.at("/database/read/p95AtMostMs").asText()))
                .append(" ms, write p95 ≤ ").append(esc(summary.at("/database/write/p95AtMostMs").asText()))
                .append(" ms.</p></div>\n");
        sizingTable(h, summary.path("services"));
        h.append("</div>\n</body></html>\n");
        return h.toString();
    }

    /** The SLA's p95 bound, parsed back from the response-time gate's limit ("< 2000 ms"). */
    private static Double p95Limit(JsonNode summary) {
        for (JsonNode g : summary.path("gates")) {
            if (g.path("gate").asText().equals("response time p95")) {
                String digits = g.path("limit").asText().replaceAll("[^0-9.]", "");
                return digits.isEmpty() ? null : Double.parseDouble(digits);
            }
        }
        return null;
    }

    private static String chart(String title, String unit, List<Step> steps, Integer knee, List<Series> series,
                                Double limit) {
        double maxUsers = steps.stream().mapToDouble(Step::users).max().orElse(1);
        double maxY = series.stream().flatMap(s -> steps.stream().map(st -> s.value().applyAsDouble(st)))
                .mapToDouble(Double::doubleValue).max().orElse(1);
        // The gate's line is drawn when it sits near the data; far above, the chart would flatten every point.
        boolean showLimit = limit != null && limit <= 2 * maxY;
        double top = nice(Math.max(showLimit ? limit : 0, maxY) * 1.1);
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        ToDoubleFunction<Double> x = u -> LEFT + plotW * u / (maxUsers * 1.08);
        ToDoubleFunction<Double> y = v -> TOP + plotH * (1 - v / top);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\">\n")
                .append("<title>").append(esc(title)).append("</title>\n")
                .append(text(LEFT, 16, "start", "bold", title + " (" + unit + ")"));
        for (int i = 0; i <= 5; i++) {
            double v = top * i / 5, py = y.applyAsDouble(v);
            s.append(line(LEFT, py, WIDTH - RIGHT, py, "#e5e5e5", null, "grid"))
                    .append(text(LEFT - 6, py + 4, "end", null, fmt(v)));
        }
        s.append(line(LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH, "#444", null, "axis"))
                .append(line(LEFT, TOP, LEFT, TOP + plotH, "#444", null, "axis"));
        for (Step st : steps) {
            double px = x.applyAsDouble((double) st.users());
            s.append(text(px, TOP + plotH + 16, "middle", null, Integer.toString(st.users())))
                    .append(text(px, TOP + plotH + 30, "middle", null, fmt(st.offeredRps()) + "/s"));
        }
        s.append(text(LEFT + plotW / 2.0, HEIGHT - 6, "middle", null, "concurrent users (offered requests/s)"));
        if (showLimit) {
            double py = y.applyAsDouble(limit);
            s.append(line(LEFT, py, WIDTH - RIGHT, py, FAIL, "6 3", "limit"))
                    .append(text(WIDTH - RIGHT, py - 4, "end", null, "p95 gate " + fmt(limit) + " " + unit));
        } else if (limit != null) {
            s.append(text(WIDTH - RIGHT, TOP - 4, "end", null, "p95 gate " + fmt(limit) + " " + unit + ": above the chart"));
        }
        if (knee != null && knee >= 1 && knee <= steps.size()) {
            Step k = steps.get(knee - 1);
            double px = x.applyAsDouble((double) k.users());
            s.append("<line class=\"knee\" data-level=\"").append(k.level()).append("\" data-users=\"").append(k.users())
                    .append("\" x1=\"").append(fmt(px)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(fmt(px))
                    .append("\" y2=\"").append(TOP + plotH).append("\" stroke=\"#222\" stroke-dasharray=\"2 3\"/>\n")
                    .append(text(px + 4, TOP + 12, "start", "bold", "knee"));
        }
        int legendX = LEFT + 8;
        for (Series se : series) {
            StringBuilder points = new StringBuilder();
            for (Step st : steps) {
                points.append(fmt(x.applyAsDouble((double) st.users()))).append(',')
                        .append(fmt(y.applyAsDouble(se.value().applyAsDouble(st)))).append(' ');
            }
            s.append("<polyline class=\"line ").append(se.cssClass()).append("\" points=\"").append(points.toString().trim())
                    .append("\" fill=\"none\" stroke=\"").append(se.color()).append("\" stroke-width=\"2\"/>\n");
            for (Step st : steps) {
                double v = se.value().applyAsDouble(st);
                s.append("<circle class=\"point ").append(se.cssClass()).append(st.passed() ? "" : " failed")
                        .append("\" data-level=\"").append(st.level()).append("\" data-users=\"").append(st.users())
                        .append("\" data-value=\"").append(fmt(v)).append("\" cx=\"").append(fmt(x.applyAsDouble((double) st.users())))
                        .append("\" cy=\"").append(fmt(y.applyAsDouble(v))).append("\" r=\"4\" fill=\"")
                        .append(st.passed() ? se.color() : FAIL).append("\"><title>level ").append(st.level()).append(", ")
                        .append(st.users()).append(" users: ").append(se.name()).append(' ').append(fmt(v)).append(' ')
                        .append(esc(unit)).append(st.passed() ? "" : " (a gate failed)").append("</title></circle>\n");
            }
            s.append(line(legendX, TOP + 8, legendX + 16, TOP + 8, se.color(), null, "legend"))
                    .append(text(legendX + 20, TOP + 12, "start", null, se.name()));
            legendX += 30 + 8 * se.name().length();
        }
        return s.append("</svg>\n").toString();
    }

    private static void levelsTable(StringBuilder h, List<Step> steps, Integer knee) {
        h.append("<h2>Levels</h2>\n<table><tr><th>level</th><th>users</th><th>offered/s</th><th>achieved/s</th>")
                .append("<th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>errors</th><th>gates</th></tr>\n");
        for (Step st : steps) {
            h.append("<tr class=\"level\"><td>").append(st.level()).append(knee != null && knee == st.level() ? " (knee)" : "")
                    .append("</td><td>").append(st.users()).append("</td><td>").append(fmt(st.offeredRps()))
                    .append("</td><td>").append(fmt(st.rps())).append("</td><td>").append(fmt(st.p50Ms()))
                    .append("</td><td>").append(fmt(st.p95Ms())).append("</td><td>").append(fmt(st.p99Ms()))
                    .append("</td><td>").append(Gates.percent(st.errorRate())).append("</td><td class=\"")
                    .append(st.passed() ? "pass\">pass" : "fail\">FAIL").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Per service: CPU per request, requests per pod at the HPA's CPU target, replicas the peak needs vs min/max. */
    private static void sizingTable(StringBuilder h, JsonNode services) {
        h.append("<div><h2>Sizing for the model's peak</h2>\n<table><tr><th>service</th><th>requests</th>")
                .append("<th>CPU ms/request</th><th>requests/s per pod at CPU target</th><th>replicas for peak</th>")
                .append("<th>HPA min..max</th><th>max carries peak</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue(), z = s.path("sizing");
            h.append("<tr class=\"service\"><td>").append(esc(e.getKey())).append("</td><td>")
                    .append(s.path("requests").asLong()).append("</td><td>").append(esc(s.path("cpuMsPerRequest").asText("-")))
                    .append("</td>");
            if (z.isMissingNode()) {
                h.append("<td>-</td><td>-</td><td>-</td><td>-</td>");
            } else {
                boolean carries = z.path("maxCarriesPeak").asBoolean();
                h.append("<td>").append(fmt(z.path("requestsPerPodAtCpuTarget").asDouble())).append("</td><td>")
                        .append(z.path("replicasForPeak").asLong()).append(" (").append(esc(z.path("peakProfile").asText()))
                        .append(")</td><td>").append(z.path("minReplicas").asInt()).append("..")
                        .append(z.path("maxReplicas").asInt()).append("</td><td class=\"")
                        .append(carries ? "pass\">yes" : "fail\">no").append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, String dash, String cssClass) {
        return "<line class=\"" + cssClass + "\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\""
                + fmt(y2) + "\" stroke=\"" + stroke + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>\n";
    }

    private static String text(double x, double y, String anchor, String weight, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"11\""
                + (weight == null ? "" : " font-weight=\"" + weight + "\"") + ">" + esc(content) + "</text>\n";
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round tick steps. */
    static double nice(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "∞";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
