package io.shopplatform.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CeilingsTests {

    private static final String STEP_SEARCH = """
            {"profile":"normal","scale":0.05,"shape":"step","users":50,"seconds":200,
             "gateway":{"rps":60.0,"p95Ms":300,"errorRate":0.0},
             "levels":[{"level":1,"users":50,"rps":25.0,"p95Ms":40,"errorRate":0.0},
                       {"level":2,"users":100,"rps":50.0,"p95Ms":80,"errorRate":0.0},
                       {"level":3,"users":150,"rps":70.0,"p95Ms":2500,"errorRate":0.0}],
             "kneeLevel":2,
             "groups":{"checkout":{"rps":1.5,"p95Ms":120}},
             "cache":{"hitRatio":0.9},
             "database":{"read":{"statements":4000,"p95AtMostMs":5.0},"write":{"statements":1000,"p95AtMostMs":10.0}}}
            """;

    private static final List<Ceilings.Ceiling> CEILINGS = List.of(
            new Ceilings.Ceiling("productDirect", "direct", 4000, 1, 2, 3),
            new Ceilings.Ceiling("productViaGateway", "via the gateway", 2000, 2, 4, 6),
            new Ceilings.Ceiling("productRead", "pgbench read", 8000, 1, 2, 3),
            new Ceilings.Ceiling("checkoutWrite", "pgbench checkout", 300, 10, 30, 50),
            new Ceilings.Ceiling("redisSet", "SET", 50000, 0.3, 0.5, 1),
            new Ceilings.Ceiling("redisGet", "GET", 70000, 0.2, 0.4, 1));

    @Test
    void aStepSearchIsComparedAtItsKneeAndTheDatabaseOverTheWholeRun() throws Exception {
        Map<String, Object> shop = Ceilings.shopFigures(new ObjectMapper().readTree(STEP_SEARCH), Path.of("summary.json"));

        assertThat(shop).containsEntry("rps", 50.0).containsEntry("p95Ms", 80.0)
                .containsEntry("dbReadsPerSecond", 20.0).containsEntry("dbReadP95AtMostMs", 5.0)
                .containsEntry("checkoutsPerSecond", 1.5);
        assertThat((String) shop.get("run")).contains("at the knee (level 2, 100 users)");
    }

    @Test
    void eachRatioIsTheShopsFigureOverItsCeiling() throws Exception {
        Map<String, Object> shop = Ceilings.shopFigures(new ObjectMapper().readTree(STEP_SEARCH), Path.of("summary.json"));

        List<Ceilings.Ratio> ratios = Ceilings.ratios(shop, CEILINGS);

        assertThat(ratios).extracting(Ceilings.Ratio::ratio).containsExactly(
                50.0 / 2000, 80.0 / 4, 2000.0 / 4000, 20.0 / 8000, 5.0 / 2, 1.5 / 300, 120.0 / 30, 50.0 / 70000);
    }
}
