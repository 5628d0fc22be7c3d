package io.shopplatform.user;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test that starts with a shopper of its own: registered with {@link Api#GOOD_PASSWORD}, from an address of its own. */
abstract class RegisteredShopper {

    @LocalServerPort
    int port;
    Api api;
    String email;
    /** The account id. */
    String id;

    @BeforeEach
    void registerAShopper() {
        api = new Api(port);
        email = Api.uniqueEmail();
        id = api.registered(email);
    }
}
