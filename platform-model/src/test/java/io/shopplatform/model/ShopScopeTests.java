package io.shopplatform.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShopScopeTests {

    @Test
    void theEmptyScopeNamesEverythingAsItIs() {
        assertThat(ShopScope.NONE.topic("orders.order")).isEqualTo("orders.order");
        assertThat(ShopScope.NONE.index("products")).isEqualTo("products");
        assertThat(ShopScope.NONE.key("session:{a}:s")).isEqualTo("session:{a}:s");
    }

    @Test
    void aScopePrefixesTopicsIndexesAndKeysLeavingHashTagsInPlace() {
        ShopScope test = new ShopScope("test");

        assertThat(test.topic("orders.order")).isEqualTo("test.orders.order");
        assertThat(test.index("products")).isEqualTo("test-products");
        assertThat(test.key("session:{a}:s")).isEqualTo("test:session:{a}:s");
    }

    @Test
    void aNameThatIsNoValidTopicIndexOrKeyPrefixIsRefused() {
        assertThatThrownBy(() -> new ShopScope("Test")).hasMessageContaining(ShopScope.PROPERTY);
        assertThatThrownBy(() -> new ShopScope("{t}")).hasMessageContaining(ShopScope.PROPERTY);
    }
}
