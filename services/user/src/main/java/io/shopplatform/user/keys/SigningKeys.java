package io.shopplatform.user.keys;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The RSA keys tokens are signed with, kept in {@code users.signing_keys}. The newest key whose {@code signs_from}
 * has come signs; every key whose tokens may still be valid is published, and a scheduled successor
 * {@link TokenProperties#publishAhead()} before it signs, so validators' cached JWKS already hold it. Private halves are stored only as JWEs (dir, A256GCM) under a key derived
 * from {@link TokenProperties#keySecret()}; the key id is in the JWE's protected header, so a ciphertext moved to
 * another row does not decrypt as that row's key.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final int RSA_BITS = 2048;
    /** One key is made at a time, however many instances look at once. */
    private static final long ROTATION_LOCK = 0x5553455253L;

    /** A key that signs until {@code signsUntil}. */
    public record SigningKey(RSAKey key, Instant signsUntil) {
        public String kid() {
            return key.getKeyID();
        }
    }

    private final JdbcTemplate jdbc;
    private final TokenProperties props;
    private final SecretKey wrapping;
    private final AtomicReference<SigningKey> current = new AtomicReference<>();

    SigningKeys(JdbcTemplate jdbc, TokenProperties props) {
        this.jdbc = jdbc;
        this.props = props;
        this.wrapping = new SecretKeySpec(sha256(props.keySecret()), "AES");
    }

    /** The key that signs now. */
    public SigningKey current() {
        SigningKey k = current.get();
        if (k == null || !k.signsUntil().isAfter(Instant.now())) {
            reload();
            k = current.get();
        }
        if (k == null) {
            throw new IllegalStateException("no signing key yet");
        }
        return k;
    }

    /**
     * The public keys of every key whose tokens may still be valid: the JWKS. Read on the primary (a locking read):
     * a validator that meets a new key id fetches this at once, before a replica may have the key.
     */
    public JWKSet published() {
        List<com.nimbusds.jose.jwk.JWK> keys = jdbc.query(
                "SELECT public_jwk::text FROM signing_keys WHERE verify_until > now() ORDER BY created_at DESC FOR SHARE",
                (rs, i) -> parseJwk(rs.getString(1)));
        return new JWKSet(keys);
    }

    /**
     * Makes a new signing key when none signs long enough any more ({@code force}: now, whatever the newest key's
     * age: an operator's lever after a suspected leak, and the tests'). Returns the key id that signs afterwards.
     */
    @Transactional
    public String rotate(boolean force) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, ROTATION_LOCK);
        // Locking reads go to the primary, so an instance never misses a key another one just made.
        List<Instant[]> newest = jdbc.query(
                "SELECT signs_from, signs_until FROM signing_keys ORDER BY signs_from DESC LIMIT 1 FOR UPDATE",
                (rs, i) -> new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()});
        Instant now = Instant.now();
        Instant publishedBy = now.plus(props.publishAhead());
        if (force || newest.isEmpty() || !newest.get(0)[1].isAfter(publishedBy)) {
            // A first key, an operator's lever, or the service was down too long to publish one ahead: sign now.
            log.info("new signing key {}, signing now (previous keys stay published until their tokens expire)",
                    create(null));
        } else {
            Instant next = newest.get(0)[0].plus(props.rotateEvery());
            if (!next.isAfter(publishedBy)) {
                Instant from = next.isBefore(publishedBy) ? publishedBy : next;
                log.info("new signing key {}, published now, signing from {}", create(from), from);
            }
        }
        return reload();
    }

    /** Reads which key signs now from the database (another instance may have made a newer one). */
    String reload() {
        List<SigningKey> keys = jdbc.query("""
                SELECT kid, private_jwe, signs_until FROM signing_keys
                WHERE signs_from <= now() AND signs_until > now() ORDER BY signs_from DESC LIMIT 1 FOR SHARE""",
                (rs, i) -> new SigningKey(decrypt(rs.getString(1), rs.getString(2)), rs.getTimestamp(3).toInstant()));
        current.set(keys.isEmpty() ? null : keys.get(0));
        return keys.isEmpty() ? null : keys.get(0).kid();
    }

    /** @param signsFrom when it starts signing; null: at once (the database's now, which this transaction reads) */
    private String create(Instant signsFrom) {
        String kid = UUID.randomUUID().toString();
        RSAKey key;
        try {
            key = new RSAKeyGenerator(RSA_BITS).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
        // A key signs a little longer than the rotation period, so a late scheduler tick never leaves no signer.
        Instant signsUntil = (signsFrom == null ? Instant.now() : signsFrom).plus(props.rotateEvery())
                .plus(props.checkEvery().multipliedBy(2));
        jdbc.update("""
                INSERT INTO signing_keys (kid, public_jwk, private_jwe, signs_from, signs_until, verify_until)
                VALUES (?, ?::jsonb, ?, coalesce(?::timestamptz, now()), ?, ?)""", kid, key.toPublicJWK().toJSONString(), encrypt(key),
                signsFrom == null ? null : Timestamp.from(signsFrom), Timestamp.from(signsUntil), Timestamp.from(signsUntil.plus(props.accessTtl())));
        return kid;
    }

    private String encrypt(RSAKey key) {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(key.getKeyID()).build(), new Payload(key.toJSONString()));
        try {
            jwe.encrypt(new DirectEncrypter(wrapping));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt signing key " + key.getKeyID(), e);
        }
        return jwe.serialize();
    }

    private RSAKey decrypt(String kid, String serialized) {
        try {
            JWEObject jwe = JWEObject.parse(serialized);
            if (!kid.equals(jwe.getHeader().getKeyID())) {
                throw new IllegalStateException("signing key " + kid + " holds another key's ciphertext");
            }
            jwe.decrypt(new DirectDecrypter(wrapping));
            return RSAKey.parse(jwe.getPayload().toString());
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid
                    + " (was SHOP_USER_KEY_SECRET changed?)", e);
        }
    }

    private static com.nimbusds.jose.jwk.JWK parseJwk(String json) {
        try {
            return com.nimbusds.jose.jwk.JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable public key in signing_keys", e);
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
