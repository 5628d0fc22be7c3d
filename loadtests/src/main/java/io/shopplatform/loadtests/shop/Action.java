package io.shopplatform.loadtests.shop;

import java.util.Set;

/**
 * The request groups of the shop's mix, each a read or a write (the model's read share is over these), with the
 * statuses that count as success. The card tokenization goes to the provider's simulator, not through the gateway:
 * it is in the mix as the shopper's browser makes it, but outside the shop's gates.
 */
enum Action {
    HOME("home (popular)", Kind.READ, 200),
    CATEGORIES("categories", Kind.READ, 200),
    CATEGORY("category listing", Kind.READ, 200),
    PRODUCT("product view", Kind.READ, 200),
    SEARCH("search", Kind.READ, 200),
    ALSO_BOUGHT("also bought", Kind.READ, 200),
    PROFILE("profile", Kind.READ, 200),
    HISTORY("order history", Kind.READ, 200),
    CART("cart", Kind.READ, 200),
    REGISTER("register", Kind.WRITE, 201),
    LOGIN("login", Kind.WRITE, 200),
    CART_ADD("cart add", Kind.WRITE, 200),
    CART_UPDATE("cart update", Kind.WRITE, 200),
    CARD_TOKEN("card token (provider)", Kind.EXTERNAL, 200),
    CHECKOUT("checkout", Kind.WRITE, 201),
    STOCK_RECEIPT("stock receipt (admin)", Kind.WRITE, 200);

    enum Kind { READ, WRITE, EXTERNAL }

    private final String label;
    private final Kind kind;
    private final Set<Integer> expected;

    Action(String label, Kind kind, Integer... expected) {
        this.label = label;
        this.kind = kind;
        this.expected = Set.of(expected);
    }

    String label() {
        return label;
    }

    Kind kind() {
        return kind;
    }

    /** Whether this request went through the gateway (the shop's gates are about those). */
    boolean throughGateway() {
        return kind != Kind.EXTERNAL;
    }

    boolean expects(int status) {
        return expected.contains(status);
    }

    Set<Integer> expected() {
        return expected;
    }
}
