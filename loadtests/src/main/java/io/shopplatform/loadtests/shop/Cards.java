package io.shopplatform.loadtests.shop;

import java.util.concurrent.ThreadLocalRandom;

/** Card numbers as many shoppers bring them. */
public final class Cards {

    private Cards() {}

    /**
     * A card of its own for each checkout, ending in 4242 as the providers' test cards do (the simulators authorize it):
     * the payment service's fraud rules hold a card that pays too often, as they would hold one shared by a crowd.
     */
    public static String authorized() {
        StringBuilder digits = new StringBuilder("4");
        for (int i = 0; i < 11; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append("4242").toString();
    }
}
