package io.shopplatform.user.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.shopplatform.model.EndedSessions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs access tokens (RFC 9068 profile): RS256 with the current key's {@code kid}, {@code typ: at+jwt}, claims
 * {@code iss}, {@code aud: ["shop"]}, {@code sub} (the account id, or {@code service:<name>} for a service client),
 * {@code roles}, {@code sid} (a shopper's session, which logout ends), {@code iat}, {@code exp}, {@code jti}.
 */
@Component
public class AccessTokens {

    public static final String ROLES = "roles", SESSION = EndedSessions.SESSION_CLAIM;
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    /** A signed token and when it expires. */
    public record Issued(String token, Instant expiresAt) {}

    private final SigningKeys keys;
    private final TokenProperties props;

    AccessTokens(SigningKeys keys, TokenProperties props) {
        this.keys = keys;
        this.props = props;
    }

    public Issued issue(UUID account, List<String> roles, UUID session) {
        return sign(account.toString(), roles, session);
    }

    /** A token for one of the shop's own services: no session, since there is no login to end. */
    public Issued issueForService(String subject, List<String> roles) {
        return sign(subject, roles, null);
    }

    private Issued sign(String subject, List<String> roles, UUID session) {
        SigningKeys.SigningKey key = keys.current();
        Instant now = Instant.now();
        Instant expires = now.plus(props.accessTtl());
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(props.issuer())
                .audience(List.of(TokenProperties.AUDIENCE))
                .subject(subject)
                .claim(ROLES, roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        if (session != null) {
            builder.claim(SESSION, session.toString());
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(AT_JWT).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
        return new Issued(jwt.serialize(), expires);
    }
}
