package io.shopplatform.service.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.shopplatform.service.security.JwtSecurityAutoConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Stands in for the user service until it exists: signs tokens with its own RSA key and publishes the public key
 * as a JWKS on a local port, so a service validates test tokens exactly as it will validate real ones.
 */
public final class TestTokens {

    private static TestTokens shared;

    /** The claims of the access-token contract (docs/contracts.md), as the user service signs them. */
    public static final String ISSUER = "shop-user", AUDIENCE = "shop";
    public static final JOSEObjectType ACCESS = new JOSEObjectType("at+jwt");

    private final RSAKey key;
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger(), fetchesWhileDown = new AtomicInteger();
    private volatile boolean down;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test").keyUse(KeyUse.SIGNATURE).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            if (down) {
                fetchesWhileDown.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    /** Points {@code shop.security.jwks-uri} of a service under test at {@link #shared()}'s JWKS. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-tokens",
                    Map.of("shop.security.jwks-uri", shared().jwksUri())));
        }
    }

    /** One key and JWKS endpoint per test JVM. */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
        }
        return shared;
    }

    /** How often the JWKS was asked for (a refetch storm shows here). */
    public int fetches() {
        return fetches.get();
    }

    /** How often it was asked for while {@link #down}. */
    public int fetchesWhileDown() {
        return fetchesWhileDown.get();
    }

    /** The user service is unreachable (true: every JWKS request is a 503) or back. */
    public void down(boolean down) {
        this.down = down;
    }

    /** A JWKS endpoint of its own (its counters and outages affect no other test), with a new key. */
    public static TestTokens isolated() {
        return new TestTokens();
    }

    public void close() {
        server.stop(0);
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A valid access token for {@code subject} holding {@code roles}, e.g. {@code token("alice", "ADMIN")}. */
    public String token(String subject, String... roles) {
        return sign(claims(subject, roles).build(), ACCESS, key.getKeyID());
    }

    /** The claims of a valid access token, for a test to spoil one (another issuer, say). */
    public JWTClaimsSet.Builder claims(String subject, String... roles) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(AUDIENCE)).subject(subject)
                .claim(JwtSecurityAutoConfiguration.ROLES_CLAIM, List.of(roles))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(900)));
    }

    /** Signs {@code claims} with this key, declaring token type {@code type} and key id {@code kid}. */
    public String sign(JWTClaimsSet claims, JOSEObjectType type, String kid) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID(kid).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
