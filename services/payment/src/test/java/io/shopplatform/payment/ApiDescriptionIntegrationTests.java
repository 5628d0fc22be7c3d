package io.shopplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.service.testing.ApiDescriptionLint;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI description client teams generate code from, as the running instance serves it. */
@PaymentIntegrationTest
class ApiDescriptionIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDescriptionLintsWithoutErrors() {
        ApiDescriptionLint.Result lint = ApiDescriptionLint.of(new Api(port).get("/v3/api-docs", null).body(), "payment");

        assertThat(lint.errors()).isEmpty();
    }
}
