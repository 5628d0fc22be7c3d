package io.shopplatform.service.outbox;

import java.util.function.Consumer;

/**
 * A service's wish to handle the events of a topic, declared as a bean; the library runs one consumer per bean.
 *
 * @param group   the consumer group: each event goes to one instance of the group, from where it left off;
 *                {@code null} means broadcast: every instance sees every event published after it started
 *                (for evicting its own in-process cache)
 * @param handler called once per event, in order per aggregate; an exception retries the event a second later
 */
public record EventSubscription(String topic, String group, Consumer<Event> handler) {

    public static EventSubscription broadcast(String topic, Consumer<Event> handler) {
        return new EventSubscription(topic, null, handler);
    }

    public static EventSubscription shared(String topic, String group, Consumer<Event> handler) {
        return new EventSubscription(topic, group, handler);
    }
}
