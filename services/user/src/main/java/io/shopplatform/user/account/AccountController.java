package io.shopplatform.user.account;

import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.user.auth.SignOut;
import io.shopplatform.user.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: registration (anyone), and the caller's own profile and password. A registration body
 * has no role field: one sent anyway is refused as an unknown property (400 naming it), never applied.
 */
@RestController
@RequestMapping("/api/v1/users")
class AccountController {

    /** Display names: printable text, no control characters. */
    private static final String PRINTABLE = "^[^\\p{Cntrl}]*$";

    record Registration(@NotNull @Size(max = 320) String email, @NotNull String password,
                        @Size(max = 100) @Pattern(regexp = PRINTABLE) String displayName) {}

    record ProfileUpdate(@Size(max = 100) @Pattern(regexp = PRINTABLE) String displayName) {}

    record PasswordChange(@NotNull String currentPassword, @NotNull String newPassword) {}

    record Deletion(@NotNull String password) {}

    private final Accounts accounts;
    private final Passwords passwords;
    private final Profiles profiles;
    private final SignOut signOut;
    private final TransactionTemplate tx;

    AccountController(Accounts accounts, Passwords passwords, Profiles profiles, SignOut signOut,
                      PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.profiles = profiles;
        this.signOut = signOut;
        this.tx = new TransactionTemplate(transactions);
    }

    @PostMapping
    @Operation(summary = "Register a shopper's account")
    ResponseEntity<Profile> register(@Valid @RequestBody Registration body) {
        String email = EmailAddresses.valid("email", body.email());
        passwords.check("password", body.password(), email);
        Profile created = accounts.create(email, passwords.hash(body.password()), blankToNull(body.displayName()),
                List.of(Accounts.CUSTOMER));
        return ResponseEntity.created(URI.create("/api/v1/users/me")).body(created);
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's profile")
    Profile me(Caller caller) {
        return profiles.get(caller.account());
    }

    @PutMapping("/me")
    @Operation(summary = "Change the caller's display name")
    Profile update(Caller caller, @Valid @RequestBody ProfileUpdate body) {
        return profiles.update(caller.account(), blankToNull(body.displayName()));
    }

    /** Changes the password and ends every session, this one included: the caller logs in again. */
    @PostMapping("/me/password")
    @Operation(summary = "Change the caller's password",
            description = "Ends every session of the caller, this one included: the caller logs in again.")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(Caller caller, @Valid @RequestBody PasswordChange body) {
        Account account = confirmed(caller, "currentPassword", body.currentPassword());
        passwords.check("newPassword", body.newPassword(), account.email());
        String hash = passwords.hash(body.newPassword());
        tx.executeWithoutResult(s -> {
            accounts.updatePassword(account.id(), hash);
            signOut.everywhere(account.id());
        });
    }

    /**
     * Deletes the caller's account (the password confirms it is them, not a stolen token): its personal data is
     * erased, every session ends, and its tokens are refused here from then on.
     */
    @DeleteMapping("/me")
    @Operation(summary = "Delete the caller's account", description = "The password confirms it is them; personal"
            + " data is erased, every session ends, and the account's tokens are refused from then on.")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @Valid @RequestBody Deletion body) {
        Account account = confirmed(caller, "password", body.password());
        // A hash of a random value nobody knows: the column keeps its BCrypt form and no password matches it.
        String unusable = passwords.hash(UUID.randomUUID().toString());
        tx.executeWithoutResult(s -> {
            accounts.erase(account.id(), unusable);
            signOut.everywhere(account.id());
        });
        profiles.evict(account.id());
    }

    /** The caller's account, once {@code password} (the request's {@code field}) proves it is them. */
    private Account confirmed(Caller caller, String field, String password) {
        Account account = accounts.byId(caller.account()).orElseThrow();
        if (!passwords.matches(password, account.passwordHash())) {
            throw new InvalidInputException(field, "is wrong");
        }
        return account;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
