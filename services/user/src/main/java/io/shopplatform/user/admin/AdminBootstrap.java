package io.shopplatform.user.admin;

import io.shopplatform.user.account.Accounts;
import io.shopplatform.user.account.EmailAddresses;
import io.shopplatform.user.account.Passwords;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The operator's step that makes an administrator ({@code ./platform admin create <email>}): registration never
 * grants a role. Runs the service as a one-off job with {@code --shop.admin.create=<email>}: an existing account
 * gains ADMIN (its password unchanged); a new one gets the password in {@code SHOP_ADMIN_PASSWORD}, or a random one
 * printed once. Then the job exits.
 */
@Component
@ConditionalOnProperty("shop.admin.create")
class AdminBootstrap implements ApplicationRunner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final Passwords passwords;
    private final ConfigurableApplicationContext context;
    private final String email;
    private final String password;

    AdminBootstrap(Accounts accounts, Passwords passwords, ConfigurableApplicationContext context,
                   @Value("${shop.admin.create}") String email, @Value("${SHOP_ADMIN_PASSWORD:}") String password) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.context = context;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        String address = EmailAddresses.valid("email", email);
        String chosen = password.isBlank() ? generated() : password;
        passwords.check("SHOP_ADMIN_PASSWORD", chosen, address);
        boolean created = accounts.grantAdmin(address, passwords.hash(chosen));
        // Printed for the operator on purpose: the only place a generated password ever appears.
        System.out.println(created
                ? "created administrator " + address + (password.isBlank() ? " with password " + chosen : "")
                : address + " is now an administrator (password unchanged; log in again for a token with ADMIN)");
        System.exit(SpringApplication.exit(context));
    }

    private static String generated() {
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
