package io.shopplatform.user.account;

import io.shopplatform.service.problem.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The password rules and BCrypt. A password must be long enough, not among the most common ones (also with
 * digits or punctuation tacked on), not only digits, not built around the email's name, and not a run of few
 * distinct characters.
 * {@link #matches} costs one BCrypt comparison whether or not there is an account, so the time of a login does
 * not tell whether an email is registered.
 */
@Component
public class Passwords {

    private static final int MIN_DISTINCT_CHARACTERS = 5;
    private static final int MAX_BCRYPT_BYTES = 72;
    /** Parts of the email's name ("ann.smith": "smith") this long or longer must not be in the password. */
    private static final int MIN_NAME_PART = 4;

    private final PasswordProperties props;
    private final BCryptPasswordEncoder bcrypt;
    private final Set<String> common;
    /** Compared against when no account exists: the same cost as a real comparison. */
    private final String dummyHash;

    Passwords(PasswordProperties props) {
        this.props = props;
        this.bcrypt = new BCryptPasswordEncoder(props.bcryptCost());
        this.common = load("/common-passwords.txt");
        this.dummyHash = bcrypt.encode("no account has this password " + System.nanoTime());
    }

    /** Refuses a password that breaks a rule, naming {@code field}; {@code email} is the account's. */
    public void check(String field, String password, String email) {
        if (password == null || password.length() < props.minLength()) {
            throw new InvalidInputException(field, "must have at least " + props.minLength() + " characters");
        }
        if (password.length() > props.maxLength() || password.getBytes(StandardCharsets.UTF_8).length > MAX_BCRYPT_BYTES) {
            throw new InvalidInputException(field, "must have at most " + props.maxLength() + " characters ("
                    + MAX_BCRYPT_BYTES + " bytes)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replaceAll("[\\d\\p{Punct}\\s]+$", ""))
                || common.contains(lower.replaceAll("^[\\d\\p{Punct}\\s]+", ""))) {
            throw new InvalidInputException(field, "is one of the most common passwords; choose another");
        }
        if (lower.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(field, "must not be only digits");
        }
        String name = email == null ? "" : email.substring(0, Math.max(0, email.indexOf('@')));
        for (String part : name.split("[^\\p{L}\\p{N}]+")) {
            if (part.length() >= MIN_NAME_PART && lower.contains(part)) {
                throw new InvalidInputException(field, "must not contain the email's name");
            }
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw new InvalidInputException(field, "must have at least " + MIN_DISTINCT_CHARACTERS
                    + " different characters");
        }
    }

    public String hash(String password) {
        return bcrypt.encode(password);
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no such account) costs the same and is false. */
    public boolean matches(String password, String hash) {
        String raw = password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BCRYPT_BYTES
                ? "" : password;
        boolean match = bcrypt.matches(raw, hash != null ? hash : dummyHash);
        return hash != null && match;
    }

    private static Set<String> load(String resource) {
        try (var in = Passwords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
