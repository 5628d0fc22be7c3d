package io.shopplatform.model;

import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every database-using pod at its HPA maximum gets a connection pool, and PgPool and PostgreSQL have room for all. */
class ConnectionBudgetTests {

    @TestFactory
    Stream<DynamicTest> everyEnvironmentFitsAtMaximumReplicas() {
        return Arrays.stream(Environment.values()).map(env -> DynamicTest.dynamicTest(env.id(), () -> {
            ConnectionBudget budget = ConnectionBudget.of(PLATFORM, env);
            System.out.println("CONNECTION BUDGET " + budget);
            assertThat(budget.servicePool()).as("connections per service pod").isPositive();
            assertThat(budget.clientSlotsNeeded()).as("PgPool slots needed").isLessThanOrEqualTo(budget.clientSlots());
            assertThat(budget.maxConnections()).as("max_connections")
                    .isGreaterThan(budget.poolers() * PLATFORM.pooling().maxBackendConnections());
            assertThat(budget.fits()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> aPoolTooLargeForThePgPoolsDoesNotFit() {
        return Arrays.stream(Environment.values()).map(env -> DynamicTest.dynamicTest(env.id(), () -> {
            ConnectionBudget b = ConnectionBudget.of(PLATFORM, env);
            ConnectionBudget tooLarge = new ConnectionBudget(env, b.poolers(), b.childrenPerPooler(),
                    b.connectionsPerChild(), b.servicePodsAtMax(), b.clientSlots() / b.servicePodsAtMax() + 1,
                    b.clientSlots(), b.reservedClientSlots(), b.backendsPerMember(), b.maxConnections());
            assertThat(tooLarge.fits()).isFalse();
        }));
    }
}
