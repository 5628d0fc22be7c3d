package io.shopplatform.service.outbox;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A service's wish to handle the events of a topic, declared as a bean; the library runs one consumer per bean.
 *
 * @param group   the consumer group: each event goes to one instance of the group, from where it left off;
 *                {@code null} means broadcast: every instance sees every event published after it started
 *                (for evicting its own in-process cache)
 * @param handler called with the events polled from one partition, in order; an exception retries them all a
 *                second later, so a handler must tolerate seeing an event again
 */
public record EventSubscription(String topic, String group, Consumer<List<Event>> handler) {

    public static EventSubscription broadcast(String topic, Consumer<Event> handler) {
        return new EventSubscription(topic, null, each(handler));
    }

    public static EventSubscription shared(String topic, String group, Consumer<Event> handler) {
        return new EventSubscription(topic, group, each(handler));
    }

    /** For handlers that do better with many events at once (say, one bulk request to a search engine). */
    public static EventSubscription sharedBatches(String topic, String group, Consumer<List<Event>> handler) {
        return new EventSubscription(topic, group, handler);
    }

    /**
     * One subscription of a topic for a group that handles several event types (a group must read a topic once):
     * each event goes to the handler of its type; other types pass by.
     */
    public static EventSubscription byType(String topic, String group, Map<String, Consumer<Event>> handlers) {
        Map<String, Consumer<Event>> copy = Map.copyOf(handlers);
        return new EventSubscription(topic, group, each(event -> {
            Consumer<Event> handler = copy.get(event.type());
            if (handler != null) {
                handler.accept(event);
            }
        }));
    }

    private static Consumer<List<Event>> each(Consumer<Event> handler) {
        return events -> events.forEach(handler);
    }
}
