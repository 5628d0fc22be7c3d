package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.shopplatform.user.keys.SigningKeys;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing keys: rotation keeps the previous key's tokens valid; private keys are stored only encrypted. */
@UserIntegrationTest
class KeyRotationIntegrationTests extends RegisteredShopper {

    @Autowired
    SigningKeys keys;

    @Test
    void aTokenSignedWithThePreviousKeyStaysValidAfterARotation() {
        Api.Session before = api.loggedIn(email, Api.GOOD_PASSWORD);
        String oldKid = Jwts.parse(before.accessToken()).getHeader().getKeyID();

        String newKid = keys.rotate(true);
        Api.Session after = api.loggedIn(email, Api.GOOD_PASSWORD);

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(Jwts.parse(after.accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(Jwts.jwks(api).getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, newKid);
        assertThat(api.get("/api/v1/users/me", before.accessToken()).status()).as("signed by the previous key")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", after.accessToken()).status()).as("signed by the new key")
                .isEqualTo(200);
    }

    @Test
    void aScheduledKeyIsPublishedAheadOfSigningAndARetiredOneIsNotPublishedAtAll() {
        Rows.update("DELETE FROM users.signing_keys");   // the tests' database: earlier keys would confuse "newest"
        String signing = keys.rotate(true);
        // As if this key had signed for all but 3 minutes of its period: its successor falls due within the
        // publication lead (6 minutes), so the next check schedules it.
        Rows.update("UPDATE users.signing_keys SET created_at = created_at - interval '23 hours 57 minutes',"
                + " signs_from = signs_from - interval '23 hours 57 minutes' WHERE kid = ?", signing);
        long before = Rows.count("SELECT 1 FROM users.signing_keys");

        assertThat(keys.rotate(false)).as("the current key still signs").isEqualTo(signing);
        assertThat(keys.rotate(false)).isEqualTo(signing);

        assertThat(Rows.count("SELECT 1 FROM users.signing_keys")).as("one successor, however often checked")
                .isEqualTo(before + 1);
        String next = (String) Rows.one("SELECT kid FROM users.signing_keys ORDER BY signs_from DESC LIMIT 1");
        assertThat(Rows.count("SELECT 1 FROM users.signing_keys WHERE kid = ? AND signs_from >= now() + interval '5 minutes'",
                next)).isOne();
        assertThat(Jwts.jwks(api).getKeys()).extracting(k -> k.getKeyID()).contains(signing, next);
        assertThat(Jwts.parse(api.loggedIn(email, Api.GOOD_PASSWORD).accessToken()).getHeader().getKeyID())
                .isEqualTo(signing);

        Rows.update("UPDATE users.signing_keys SET created_at = now() - interval '3 days', signs_from = now() - interval '3 days',"
                + " signs_until = now() - interval '2 days', verify_until = now() - interval '2 days' WHERE kid = ?", signing);
        assertThat(Jwts.jwks(api).getKeys()).extracting(k -> k.getKeyID()).doesNotContain(signing).contains(next);
        keys.rotate(true);   // leaves a key that signs now for the tests after this one
    }

    @Test
    void theJwksHoldsOnlyPublicKeysAndTheDatabaseOnlyEncryptedPrivateOnes() {
        api.loggedIn(email, Api.GOOD_PASSWORD);

        assertThat(Jwts.jwks(api).getKeys()).isNotEmpty().allSatisfy(k -> {
            assertThat(k.isPrivate()).isFalse();
            assertThat(k.getKeyID()).isNotBlank();
        });
        assertThat(Rows.count("SELECT 1 FROM users.signing_keys WHERE public_jwk->>'d' IS NOT NULL")).isZero();
        assertThat(Rows.count("SELECT 1 FROM users.signing_keys WHERE private_jwe NOT LIKE 'eyJ%.%.%.%.%'"
                + " OR private_jwe LIKE '%\"d\"%'")).isZero();
    }

    @Test
    void aTokenFromAKeyTheServiceNeverPublishedIsRefused() throws Exception {
        Api.Session real = api.loggedIn(email, Api.GOOD_PASSWORD);
        JWTClaimsSet claims = Jwts.parse(real.accessToken()).getJWTClaimsSet();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger")
                .type(new JOSEObjectType("at+jwt")).build(),
                new JWTClaimsSet.Builder(claims).claim("roles", List.of("ADMIN")).issueTime(new Date()).build());
        forged.sign(new RSASSASigner(stranger));

        assertThat(api.get("/api/v1/users/me", forged.serialize()).status()).isEqualTo(401);
    }

    @Test
    void aTokenOfOurKeyWithTheWrongTypeIssuerOrAudienceIsRefused() throws Exception {
        Api.Session real = api.loggedIn(email, Api.GOOD_PASSWORD);
        JWTClaimsSet claims = Jwts.parse(real.accessToken()).getJWTClaimsSet();

        assertThat(api.get("/api/v1/users/me", signed(claims, "at+jwt")).status()).as("as issued").isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", signed(claims, "JWT")).status()).as("typ JWT").isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", signed(new JWTClaimsSet.Builder(claims).issuer("someone-else").build(),
                "at+jwt")).status()).as("another issuer").isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", signed(new JWTClaimsSet.Builder(claims).audience("elsewhere").build(),
                "at+jwt")).status()).as("another audience").isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", signed(new JWTClaimsSet.Builder(claims)
                .expirationTime(new Date(System.currentTimeMillis() - 120_000)).build(), "at+jwt")).status())
                .as("expired").isEqualTo(401);
    }

    /** Signed with the service's current key, as if it had issued it. */
    private String signed(JWTClaimsSet claims, String type) throws Exception {
        SigningKeys.SigningKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid())
                .type(new JOSEObjectType(type)).build(), claims);
        jwt.sign(new RSASSASigner(key.key()));
        return jwt.serialize();
    }
}
