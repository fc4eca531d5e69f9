package dev.storefront.stream;

import dev.storefront.config.RealtimeSettings;
import dev.storefront.events.EventHistory;
import dev.storefront.observability.AccessLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** What every event stream of this instance shares, and the set of those open (for shutdown). */
public final class StreamHub {
  final Vertx vertx;
  final EventHistory history;
  final LongSupplier feedPosition;
  final StreamMetrics metrics;
  final RealtimeSettings settings;
  final StreamLimits limits;
  final AccessLog accessLog;
  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  public StreamHub(Vertx vertx, EventHistory history, LongSupplier feedPosition, StreamMetrics metrics,
      RealtimeSettings settings, AccessLog accessLog) {
    this.vertx = vertx;
    this.history = history;
    this.feedPosition = feedPosition;
    this.metrics = metrics;
    this.settings = settings;
    this.limits = new StreamLimits(settings.maxStreams(), settings.maxStreamsPerIp(), settings.maxStreamsPerUser());
    this.accessLog = accessLog;
  }

  boolean closing() {
    return closing;
  }

  void add(EventStream stream) {
    open.add(stream);
  }

  void remove(EventStream stream) {
    open.remove(stream);
  }

  /** Ends every open stream with a reconnect hint, and refuses new ones; completes when all have ended. */
  public Future<Void> closeAll() {
    closing = true;
    List<Future<Void>> ended = new ArrayList<>();
    for (EventStream stream : open) ended.add(stream.shutdown());
    return Future.join(ended).mapEmpty();
  }
}
