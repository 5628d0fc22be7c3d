package io.shopplatform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Shop;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UsersIntegrationTests {

    private static final String INSERT_ACCOUNT = "INSERT INTO accounts (email, password_hash) VALUES (?, ?)";
    /** A BCrypt hash (cost 10); the schema keeps nothing else of a password. */
    private static final String BCRYPT = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    private final String email = "ann-" + UUID.randomUUID() + "@example.com";

    @Test
    void emailIsUniqueAndStoredLowerCased() throws SQLException {
        try (Session user = Session.as(Shop.USER)) {
            user.update(INSERT_ACCOUNT, email, BCRYPT);

            assertThat(user.refused(INSERT_ACCOUNT, email, BCRYPT).getSQLState()).isEqualTo("23505");
            assertThat(user.refused(INSERT_ACCOUNT, email.toUpperCase(), BCRYPT).getSQLState()).isEqualTo("23514");
        }
    }

    @Test
    void onlyABcryptHashIsAcceptedAsPassword() throws SQLException {
        try (Session user = Session.as(Shop.USER)) {
            assertThat(user.refused(INSERT_ACCOUNT, email, "hunter2").getSQLState()).isEqualTo("23514");
        }
    }
}
