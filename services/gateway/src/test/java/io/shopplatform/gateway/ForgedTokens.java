package io.shopplatform.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.function.UnaryOperator;

/**
 * What an attacker can make of a real access token (the user service's, taken from a login) and its public JWKS:
 * claims changed under the old signature, no signature, an HMAC keyed with the public key, or a signature by a key
 * of the attacker's own. None is signed by a key of the user service.
 */
final class ForgedTokens {

    private static final RSAKey ATTACKER;

    static {
        try {
            ATTACKER = new RSAKeyGenerator(2048).keyID("attacker").generate();
        } catch (JOSEException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ForgedTokens() {}

    /** The real token's header and signature around changed claims. */
    static String tampered(String real, UnaryOperator<JWTClaimsSet.Builder> change) {
        SignedJWT jwt = parse(real);
        return jwt.getHeader().toBase64URL() + "." + Base64URL.encode(change.apply(claims(jwt)).build().toString())
                + "." + jwt.getSignature();
    }

    /** {@code alg: none}, changed claims, an empty signature. */
    static String unsigned(String real, UnaryOperator<JWTClaimsSet.Builder> change) {
        SignedJWT jwt = parse(real);
        String header = "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + jwt.getHeader().getKeyID() + "\"}";
        return Base64URL.encode(header) + "." + Base64URL.encode(change.apply(claims(jwt)).build().toString()) + ".";
    }

    /** HS256 with the published public key (its DER encoding) as the shared secret: the algorithm-confusion attack. */
    static String hmacWithThePublicKey(String real, URI jwks, UnaryOperator<JWTClaimsSet.Builder> change) {
        SignedJWT jwt = parse(real);
        try {
            RSAKey published = (RSAKey) JWKSet.load(jwks.toURL()).getKeyByKeyId(jwt.getHeader().getKeyID());
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(jwt.getHeader().getType())
                    .keyID(published.getKeyID()).build(), change.apply(claims(jwt)).build());
            forged.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
            return forged.serialize();
        } catch (IOException | ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changed claims signed by the attacker's key, naming {@code kid} (the real key's, or the attacker's own). */
    static String signedByAttacker(String real, String kid, UnaryOperator<JWTClaimsSet.Builder> change) {
        SignedJWT jwt = parse(real);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(jwt.getHeader().getType())
                .keyID(kid).build(), change.apply(claims(jwt)).build());
        try {
            forged.sign(new RSASSASigner(ATTACKER));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return forged.serialize();
    }

    static String attackersKid() {
        return ATTACKER.getKeyID();
    }

    static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static JWTClaimsSet.Builder claims(SignedJWT jwt) {
        try {
            return new JWTClaimsSet.Builder(jwt.getJWTClaimsSet());
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }
}
