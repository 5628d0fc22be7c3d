package io.shopplatform.schema;

import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import io.shopplatform.schema.ServiceSchemas.ServiceSchema;
import org.junit.jupiter.api.Test;

class ServiceSchemasTests {

    @Test
    void everyServiceTheModelLetsReachTheDatabaseOwnsOneSchema() {
        assertThat(ServiceSchemas.ALL).extracting(ServiceSchema::service)
                .containsExactlyInAnyOrderElementsOf(PLATFORM.services().stream().map(Component::name)
                        .filter(s -> PLATFORM.mayConnect(s, Shop.PGPOOL)).toList());
    }

    @Test
    void namesFollowTheContract() {
        assertThat(ServiceSchemas.of(Shop.ORDER)).isEqualTo(new ServiceSchema("order", "orders", "shop_order"));
        assertThat(ServiceSchemas.of(Shop.PRODUCT).schema()).isEqualTo("catalog");
        assertThatThrownBy(() -> ServiceSchemas.of(Shop.GATEWAY)).isInstanceOf(IllegalArgumentException.class);
    }
}
