package io.shopplatform.infra.storage;

import com.pulumi.core.Output;
import com.pulumi.deployment.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Google's IAM is eventually consistent: a grant takes up to a couple of minutes to reach every service, and
 * Storage Transfer and Cloud Storage check their access the moment a job or notification is created. What depends on
 * fresh grants waits here, after them, for {@code delay} (during a real `pulumi up`; a preview creates nothing).
 * The wait costs every `pulumi up` that reaches it that long; the Pulumi random and time providers, which could
 * wait only once, are not on Maven Central (docs/infra.md).
 */
public record IamPropagation(Duration delay) {

    /** What Google documents as the usual worst case for a grant to take effect. */
    public static final IamPropagation GOOGLE = new IamPropagation(Duration.ofSeconds(120));

    /** {@code value}, once every output in {@code grants} is known and {@code delay} has passed since. */
    public <T> Output<T> after(List<Output<String>> grants, Output<T> value) {
        return Output.all(grants).apply(done -> {
            if (delay.isZero() || Deployment.getInstance().isDryRun()) {
                return value;
            }
            CompletableFuture<String> waited = CompletableFuture.supplyAsync(() -> "waited",
                    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
            return Output.of(waited).apply(ignored -> value);
        });
    }
}
