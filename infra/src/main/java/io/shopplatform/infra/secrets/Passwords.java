package io.shopplatform.infra.secrets;

import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.manifests.credentials.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The environment's generated passwords. Each is derived from the stack's encrypted seed, the environment, its
 * purpose and its rotation generation (HMAC-SHA256): the same on every `pulumi up`, different everywhere else,
 * and rotated by raising its generation in {@code shop-platform:credentialRotations}. Pulumi's random provider would
 * keep random values in the state instead, but it is not on Maven Central (docs/infra.md); the state holds these
 * only as secrets either way.
 */
public final class Passwords implements Credentials.Inputs {

    /** 24 bytes: 32 characters, about 190 bits. */
    static final int BYTES = 24;

    private final StackConfig config;

    public Passwords(StackConfig config) {
        this.config = config;
    }

    @Override
    public String password(String purpose) {
        int generation = config.credentialRotations().getOrDefault(purpose, 0);
        byte[] derived = hmac(config.secrets().credentialSeed().value(),
                config.environment().id() + "/" + purpose + "/" + generation);
        // Letters and digits only, so the value fits every file format it is written into unescaped.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(derived, BYTES))
                .replace('-', 'x').replace('_', 'y');
    }

    @Override
    public String registryUsername() {
        return config.secrets().registry().username();
    }

    @Override
    public String registryToken() {
        return config.secrets().registry().token().value();
    }

    @Override
    public String mailUsername() {
        return config.secrets().mail().username();
    }

    @Override
    public String mailPassword() {
        return config.secrets().mail().password().value();
    }

    @Override
    public String paymentProviderKey(String provider) {
        return config.secrets().payment().byProvider().get(provider).value();
    }

    private static byte[] hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
