package io.shopplatform.user.account;

import io.shopplatform.service.problem.InvalidInputException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as accounts know them: trimmed, Unicode-normalized (NFKC) and lower-cased, so {@code Ann@Example.COM}
 * and {@code ann@example.com} are one account. The syntax is the practical subset of RFC 5321 that mail servers
 * accept: a dot-atom local part (at most 64 characters), a domain of labels with a top-level label of letters.
 */
public final class EmailAddresses {

    private static final int MAX_LENGTH = 254, MAX_LOCAL = 64;
    private static final Pattern SYNTAX = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private EmailAddresses() {}

    public static String normalize(String email) {
        return email == null ? "" : Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The normalized address, or a 400 naming {@code field}. */
    public static String valid(String field, String email) {
        String e = normalize(email);
        int at = e.indexOf('@');
        if (e.length() > MAX_LENGTH || at > MAX_LOCAL || !SYNTAX.matcher(e).matches()) {
            throw new InvalidInputException(field, "is not a valid email address");
        }
        return e;
    }
}
