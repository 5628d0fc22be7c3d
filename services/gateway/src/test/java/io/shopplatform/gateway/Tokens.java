package io.shopplatform.gateway;

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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Stands in for the user service's token issuing until that service is merged: access tokens as its contract
 * states them (RS256, {@code kid}, {@code typ: at+jwt}, {@code iss: shop-user}, {@code aud: [shop]}), and the
 * public key at {@code /.well-known/jwks.json}. Variants break exactly one rule each, for the negative tests.
 */
public final class Tokens {

    private static Tokens shared;

    private final RSAKey key, stranger;
    private final HttpServer server;

    private Tokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("gateway-test").keyUse(KeyUse.SIGNATURE).generate();
            stranger = new RSAKeyGenerator(2048).keyID("not-published").keyUse(KeyUse.SIGNATURE).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    public static synchronized Tokens shared() {
        if (shared == null) {
            shared = new Tokens();
        }
        return shared;
    }

    /** What the user service's URL would be: its JWKS is under it. */
    public String issuerUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String token(String subject) {
        return sign(claims(subject).build(), header().build(), key);
    }

    public String withClaims(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(subject)).build(), header().build(), key);
    }

    public String withHeader(String subject, UnaryOperator<JWSHeader.Builder> change) {
        return sign(claims(subject).build(), change.apply(header()).build(), key);
    }

    /** Signed by a key the user service never published. */
    public String fromUnknownKey(String subject) {
        return sign(claims(subject).build(), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), stranger);
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer("shop-user").audience(List.of("shop"))
                .claim("roles", List.of("CUSTOMER")).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)));
    }

    private JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt"));
    }

    private static String sign(JWTClaimsSet claims, JWSHeader header, RSAKey with) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(with));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
