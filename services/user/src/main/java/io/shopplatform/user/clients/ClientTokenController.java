package io.shopplatform.user.clients;

import io.shopplatform.user.keys.AccessTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) for the shop's own services: a service client
 * authenticates with HTTP Basic ({@code <name>:<secret>}) and gets an access token like a shopper's, with
 * {@code sub = service:<name>} and the single role {@code <NAME>_SERVICE}, which the callee's role checks name.
 * Errors are the RFC's JSON ({@code error}, {@code error_description}), as OAuth clients expect. Not routed by the
 * gateway: only services inside the cluster reach it.
 */
@RestController
class ClientTokenController {

    static final String PATH = "/oauth2/token", GRANT = "client_credentials", SUBJECT_PREFIX = "service:";

    private final ClientProperties clients;
    private final AccessTokens tokens;

    ClientTokenController(ClientProperties clients, AccessTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    @Operation(summary = "A token for one of the shop's services (client credentials)", hidden = true)
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "grant_type", required = false) String grantType) {
        String client = authenticated(authorization);
        if (client == null) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "unknown client or wrong secret");
        }
        if (!GRANT.equals(grantType)) {
            return error(HttpStatus.BAD_REQUEST, grantType == null ? "invalid_request" : "unsupported_grant_type",
                    "grant_type must be " + GRANT);
        }
        AccessTokens.Issued issued = tokens.issueForService(SUBJECT_PREFIX + client,
                List.of(client.toUpperCase(Locale.ROOT) + "_SERVICE"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", Duration.between(Instant.now(), issued.expiresAt()).toSeconds());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The client the Basic credentials name, if its secret matches (compared in constant time); null otherwise. */
    private String authenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String name = decoded.substring(0, colon);
        String expected = clients.clients().get(name);
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // An unknown name is compared too, so timing tells nothing about which clients exist.
        byte[] wanted = (expected == null ? "x".repeat(ClientProperties.MIN_SECRET_LENGTH) : expected)
                .getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, wanted) && expected != null ? name : null;
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String description) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"shop-services\"");
        }
        return response.body(Map.of("error", code, "error_description", description));
    }
}
