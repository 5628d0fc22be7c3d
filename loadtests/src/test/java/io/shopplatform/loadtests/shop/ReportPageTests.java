package io.shopplatform.loadtests.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportPageTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A step search of four levels of 50 users each: levels 1-3 pass, 4 fails its p95 gate, so the knee is 3. */
    private static JsonNode stepSearch() throws Exception {
        return JSON.readTree("""
                {"profile":"normal","scale":0.05,"shape":"step","users":50,"thinkTimeMs":2000,"seconds":240,
                 "gateway":{"rps":60.0,"p50Ms":20,"p95Ms":300,"p99Ms":900,"errorRate":0.0},
                 "levels":[
                  {"level":1,"users":50,"rps":24.8,"p50Ms":9,"p95Ms":40,"p99Ms":80,"errorRate":0.0,"passed":true},
                  {"level":2,"users":100,"rps":49.5,"p50Ms":11,"p95Ms":70,"p99Ms":150,"errorRate":0.0,"passed":true},
                  {"level":3,"users":150,"rps":73.9,"p50Ms":15,"p95Ms":400,"p99Ms":1200,"errorRate":0.0,"passed":true},
                  {"level":4,"users":200,"rps":80.2,"p50Ms":600,"p95Ms":2600,"p99Ms":4100,"errorRate":0.0,"passed":false}],
                 "kneeLevel":3,"kneeUsers":150,
                 "cache":{"hitRatio":0.93},
                 "database":{"read":{"p95AtMostMs":10.0},"write":{"p95AtMostMs":25.0}},
                 "services":{"product":{"requests":9000,"cpuMsPerRequest":1.2,"sizing":{"requestsPerPodAtCpuTarget":291.7,
                   "peakProfile":"black-friday","replicasForPeak":40,"minReplicas":3,"maxReplicas":20,"maxCarriesPeak":false}},
                   "gateway":{"requests":12000}},
                 "gates":[{"gate":"response time p95","limit":"< 2000 ms","measured":"400 ms","passed":true},
                          {"gate":"error rate","limit":"< 0.100%","measured":"0.000% (0 of 4000)","passed":true}]}
                """);
    }

    private static Document parse(String html) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> select(Document page, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @Test
    void eachLevelIsOnePointOfThroughputAndOfEachPercentileAtItsUsers() throws Exception {
        Document page = parse(ReportPage.render(stepSearch()));

        for (String series : List.of("throughput", "offered", "p50", "p95", "p99")) {
            List<Element> points = select(page, "//circle[contains(concat(' ', @class, ' '), ' " + series + " ')]");
            assertThat(points).as(series).extracting(p -> p.getAttribute("data-users"))
                    .containsExactly("50", "100", "150", "200");
        }
        assertThat(select(page, "//circle[contains(@class,'p95')]")).extracting(p -> p.getAttribute("data-value"))
                .containsExactly("40", "70", "400", "2600");
        assertThat(select(page, "//circle[contains(@class,'throughput')]")).extracting(p -> p.getAttribute("data-value"))
                .containsExactly("24.8", "49.5", "73.9", "80.2");
    }

    @Test
    void theKneeIsMarkedAtTheLastLevelWhoseGatesPassedAndTheLevelsAfterItAreDrawnAsFailed() throws Exception {
        Document page = parse(ReportPage.render(stepSearch()));

        assertThat(select(page, "//line[@class='knee']")).as("one mark per chart").hasSize(2)
                .allSatisfy(k -> assertThat(k.getAttribute("data-level")).isEqualTo("3"))
                .allSatisfy(k -> assertThat(k.getAttribute("data-users")).isEqualTo("150"));
        assertThat(select(page, "//circle[contains(@class,'failed')]")).extracting(p -> p.getAttribute("data-level"))
                .containsOnly("4");
        assertThat(select(page, "//tr[@class='level']/td[1]")).extracting(Element::getTextContent)
                .containsExactly("1", "2", "3 (knee)", "4");
    }

    @Test
    void theGatesAndTheSizingTableStandBesideThePlots() throws Exception {
        Document page = parse(ReportPage.render(stepSearch()));

        assertThat(select(page, "//tr[@class='gate']/td[1]")).extracting(Element::getTextContent)
                .containsExactly("response time p95", "error rate");
        List<Element> product = select(page, "//tr[@class='service'][td[1]='product']/td");
        assertThat(product).extracting(Element::getTextContent)
                .containsExactly("product", "9000", "1.2", "292", "40 (black-friday)", "3..20", "no");
    }

    @Test
    void thePageAsksNothingOfAnyOtherHost() throws Exception {
        String html = ReportPage.render(stepSearch());
        Document page = parse(html);

        assertThat(Pattern.compile("(?i)(https?:|ftp:)?//[a-z0-9]").matcher(html).find()).as("a URL in:\n" + html).isFalse();
        assertThat(select(page, "//script|//link|//img|//iframe|//object")).isEmpty();
        assertThat(select(page, "//*[@href or @src]")).extracting(e -> e.hasAttribute("href") ? e.getAttribute("href")
                : e.getAttribute("src")).containsOnly("index.html", "summary.json");
    }

    @Test
    void aRunOfOneLevelIsOnePointWithoutAKnee() throws Exception {
        var constant = (com.fasterxml.jackson.databind.node.ObjectNode) stepSearch();
        constant.remove(List.of("levels", "kneeLevel", "kneeUsers"));
        constant.put("shape", "constant");
        Document page = parse(ReportPage.render(constant));

        assertThat(select(page, "//circle[contains(@class,'throughput')]")).singleElement()
                .satisfies(p -> assertThat(p.getAttribute("data-users")).isEqualTo("50"))
                .satisfies(p -> assertThat(p.getAttribute("data-value")).isEqualTo("60"));
        assertThat(select(page, "//line[@class='knee']")).isEmpty();
    }
}
