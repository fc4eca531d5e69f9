package dev.storefront.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;

/**
 * One committed event as it travels the event bus: immutable, shared by every consumer of a pod
 * without copying, with its SSE frame built once however many streams write it.
 *
 * @param data the JSON clients see: the payload plus {@code at}, the commit time
 * @param committedAtMicros the commit time (microseconds since the epoch), for the delivery lag
 */
public record FeedEvent(long id, String type, Long productId, Long userId, String data, long committedAtMicros,
    Buffer frame) {

  public static FeedEvent of(long id, String type, Long productId, Long userId, String data, long committedAtMicros) {
    String name = clientName(type);
    Buffer frame = name == null ? null
        : Buffer.buffer(("id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    return new FeedEvent(id, type, productId, userId, data, committedAtMicros, frame);
  }

  /** From a row of the feed's read or a replay (columns id, type, product_id, user_id, data, at_micros). */
  static FeedEvent of(io.vertx.sqlclient.Row row) {
    return of(row.getLong("id"), row.getString("type"), row.getLong("product_id"), row.getLong("user_id"),
        row.getString("data"), row.getLong("at_micros"));
  }

  /** The SSE event name of a type, or null for events clients never see. */
  static String clientName(String type) {
    return switch (type) {
      case Events.STOCK -> "stock";
      case Events.ORDER -> "order";
      case Events.POINTS -> "points";
      default -> null;
    };
  }

  /** The event-bus address of a type: every pod publishes each event it reads to one per type. */
  public static String address(String type) {
    return "storefront.events." + type;
  }

  /** Local delivery only (the bus is not clustered): the same instance goes to every consumer. */
  public static final class Codec implements MessageCodec<FeedEvent, FeedEvent> {
    @Override
    public void encodeToWire(Buffer buffer, FeedEvent event) {
      throw new UnsupportedOperationException("feed events stay in the process");
    }

    @Override
    public FeedEvent decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("feed events stay in the process");
    }

    @Override
    public FeedEvent transform(FeedEvent event) {
      return event;
    }

    @Override
    public String name() {
      return "feed-event";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
