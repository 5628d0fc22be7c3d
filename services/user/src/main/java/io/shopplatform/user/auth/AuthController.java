package io.shopplatform.user.auth;

import io.shopplatform.user.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/auth}: login, refresh and logout. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {}

    private final Logins logins;

    AuthController(Logins logins) {
        this.logins = logins;
    }

    /**
     * The client's address is the connection's, or the one a trusted proxy (the gateway, on the cluster's private
     * network) put in {@code X-Forwarded-For} (server.forward-headers-strategy).
     */
    @PostMapping("/login")
    @Operation(summary = "Log in with email and password: an access token and a refresh token")
    Logins.Tokens login(@Valid @RequestBody LoginRequest body, HttpServletRequest request,
                        @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        return logins.login(body.email(), body.password(), request.getRemoteAddr(), userAgent);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Trade a refresh token for new tokens")
    Logins.Tokens refresh(@Valid @RequestBody RefreshRequest body,
                          @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        return logins.refresh(body.refreshToken(), userAgent);
    }

    /** Ends every session of the caller: all its refresh tokens, and its access tokens here. */
    @PostMapping("/logout")
    @Operation(summary = "End every session of the caller")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(Caller caller) {
        logins.logout(caller.account());
    }
}
