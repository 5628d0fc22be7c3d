package io.shopplatform.user;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/** Reads tokens and the published JWKS as a validating service would. */
final class Jwts {

    private Jwts() {}

    static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }

    static JWKSet jwks(Api api) {
        Api.Response r = api.get("/.well-known/jwks.json", null);
        if (r.status() != 200) {
            throw new AssertionError("JWKS: " + r.status());
        }
        try {
            return JWKSet.parse(r.body());
        } catch (ParseException e) {
            throw new AssertionError("unreadable JWKS: " + r.body(), e);
        }
    }

    /** Whether {@code token}'s signature verifies with the published key its {@code kid} names. */
    static boolean verifiesAgainstJwks(Api api, String token) {
        SignedJWT jwt = parse(token);
        var key = jwks(api).getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null) {
            return false;
        }
        try {
            return jwt.verify(new RSASSAVerifier((RSAKey) key));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }
}
