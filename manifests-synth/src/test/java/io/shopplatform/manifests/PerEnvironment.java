package io.shopplatform.manifests;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.shopplatform.model.Environment;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/** Runs a rule against every environment's manifests, one dynamic test per environment (and per item, if asked). */
final class PerEnvironment {
    private PerEnvironment() {}

    static Stream<DynamicNode> rule(String name, Consumer<Manifests> check) {
        return Arrays.stream(Environment.values())
                .map(env -> dynamicTest(name + " [" + env.id() + "]", () -> check.accept(Manifests.of(env))));
    }

    static <T> Stream<DynamicNode> each(String name, Function<Manifests, Stream<T>> items, Checker<T> check) {
        return Arrays.stream(Environment.values()).map(env -> {
            Manifests m = Manifests.of(env);
            List<T> all = items.apply(m).toList();
            // A rule over nothing would pass without checking anything.
            Stream<DynamicNode> tests = all.isEmpty()
                    ? Stream.of(dynamicTest("has something to check", () -> {
                        throw new AssertionError(name + ": no items in " + env.id());
                    }))
                    : all.stream().map(item -> dynamicTest(item.toString(), () -> check.accept(m, item)));
            return dynamicContainer(name + " [" + env.id() + "]", tests);
        });
    }

    interface Checker<T> {
        void accept(Manifests m, T item) throws Exception;
    }
}
