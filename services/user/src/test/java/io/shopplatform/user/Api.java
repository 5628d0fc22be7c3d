package io.shopplatform.user;

import io.shopplatform.service.testing.JsonHttp;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of the running service, as a shopper's app calls it. Each client comes from an address of its own
 * (X-Forwarded-For, as the gateway sets it), so one test's failed logins never count against another's.
 */
public final class Api extends JsonHttp {

    /** A password every rule accepts. */
    public static final String GOOD_PASSWORD = "correct horse battery staple";

    /** What a login hands out. */
    public record Session(String accessToken, String refreshToken) {}

    private final String address;

    public Api(int port) {
        super(port);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.address = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public String address() {
        return address;
    }

    public static String uniqueEmail() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    public Response register(String email, String password) {
        return post("/api/v1/users", """
                {"email": "%s", "password": "%s"}""".formatted(email, password), null);
    }

    /** Registers {@code email} with {@link #GOOD_PASSWORD}; returns the account id. */
    public String registered(String email) {
        Response r = register(email, GOOD_PASSWORD);
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r.status() + " " + r.body());
        }
        return r.json("$.id");
    }

    public Response login(String email, String password) {
        return post("/api/v1/auth/login", """
                {"email": "%s", "password": "%s"}""".formatted(email, password), null);
    }

    public Session loggedIn(String email, String password) {
        Response r = login(email, password);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.body());
        }
        return new Session(r.json("$.accessToken"), r.json("$.refreshToken"));
    }

    public Response refresh(String refreshToken) {
        return post("/api/v1/auth/refresh", """
                {"refreshToken": "%s"}""".formatted(refreshToken), null);
    }

    @Override
    protected Response send(HttpRequest.Builder request, String token) {
        request.header("X-Forwarded-For", address);
        return super.send(request, token);
    }
}
