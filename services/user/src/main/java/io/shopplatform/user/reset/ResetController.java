package io.shopplatform.user.reset;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/auth/password-reset}: ask for a link by mail, then use it. */
@RestController
@RequestMapping("/api/v1/auth/password-reset")
class ResetController {

    record ResetRequest(@NotNull @Size(max = 320) String email) {}

    record ResetConfirmation(@NotNull @Size(max = 128) String token, @NotNull String newPassword) {}

    private final PasswordResets resets;

    ResetController(PasswordResets resets) {
        this.resets = resets;
    }

    /** Always 202: the answer does not tell whether the email has an account. */
    @PostMapping
    @Operation(summary = "Mail a password-reset link",
            description = "Always 202: the answer does not tell whether the email has an account.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void request(@Valid @RequestBody ResetRequest body) {
        resets.request(body.email());
    }

    @PostMapping("/confirm")
    @Operation(summary = "Set a new password with a reset link's token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirm(@Valid @RequestBody ResetConfirmation body) {
        resets.reset(body.token(), body.newPassword());
    }
}
