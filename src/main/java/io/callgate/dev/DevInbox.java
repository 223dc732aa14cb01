package io.callgate.dev;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.delivery.Channel;
import io.callgate.delivery.DeliveryProvider;
import io.callgate.delivery.OutboundMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * A delivery provider for development: it keeps the newest messages of every channel in memory
 * instead of sending them. Codes shown here are real codes, so never enable it in production.
 */
@Component
@ConditionalOnBooleanProperty("callgate.dev.inbox.enabled")
public class DevInbox implements DeliveryProvider {

    private static final Logger log = LoggerFactory.getLogger(DevInbox.class);

    /**
     * One kept message, in the shape tools read from {@code GET /dev/inbox}.
     *
     * @param locale the language it is written in; for a call, the voice's. Shown on the page only: the JSON
     *               keeps the exact shape tools already read.
     */
    public record Message(String channel, String to, String body, String code, @JsonProperty("sentAt") String sentAt,
                          @JsonIgnore String locale) {
    }

    private final Deque<Message> messages = new ArrayDeque<>();
    private final int capacity;
    private final Clock clock;

    DevInbox(@Value("${callgate.dev.inbox.capacity:1000}") int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        log.warn("DEV INBOX ENABLED: messages are kept in memory and shown at /dev/inbox instead of being sent."
                + " Do not use this in production.");
    }

    @Override
    public String id() {
        return "dev-inbox";
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.allOf(Channel.class);
    }

    @Override
    public synchronized String send(OutboundMessage m) {
        messages.addFirst(new Message(m.channel().wireName(), m.to(),
                m.subject() == null ? m.body() : m.subject() + "\n\n" + m.body(), m.code(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(), m.locale()));
        while (messages.size() > capacity) {
            messages.removeLast();
        }
        return null;
    }

    /** Newest first; {@code to} null for all. */
    public synchronized List<Message> messages(String to) {
        return messages.stream().filter(m -> to == null || m.to().equalsIgnoreCase(to)).toList();
    }

    public synchronized void clear() {
        messages.clear();
    }
}
