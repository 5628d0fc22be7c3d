package io.shopplatform.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The primary-failure drill's "first checkout after the kill", from the orders shoppers got acknowledged. */
class AcknowledgedTests {

    private static final long KILL = 1_000_000_000L;

    private static Shoppers.Acknowledged order(long id, long sentAfterKillMs, long answeredAfterKillMs) {
        return new Shoppers.Acknowledged(id, "token", "primary killed", KILL + sentAfterKillMs * 1_000_000,
                KILL + answeredAfterKillMs * 1_000_000);
    }

    @Test
    void theFirstCheckoutIsTheEarliestAnswerToOneSentAfterTheKill() {
        List<Shoppers.Acknowledged> orders = List.of(
                order(1, -200, 300),     // sent before the kill: the old primary may have committed it
                order(2, 100, 7_400),    // sent first, answered last: a checkout that waited out the failover
                order(3, 5_000, 6_100));

        assertThat(Shoppers.Acknowledged.firstAfter(orders, KILL)).contains(Duration.ofMillis(6_100));
    }

    @Test
    void noCheckoutSentAfterTheKillGivesNoFigure() {
        assertThat(Shoppers.Acknowledged.firstAfter(List.of(order(1, -200, 300)), KILL)).isEmpty();
    }
}
