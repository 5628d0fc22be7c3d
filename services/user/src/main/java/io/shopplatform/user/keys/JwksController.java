package io.shopplatform.user.keys;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys every service validates tokens with (RFC 7517); only public halves ever leave the service. */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "The public keys that access tokens are signed with (JWKS)")
    @GetMapping(path = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    ResponseEntity<Map<String, Object>> jwks() {
        // Short: validators refetch on an unknown kid anyway; this bounds how long a retired key is still trusted.
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(keys.published().toJSONObject(true));
    }
}
