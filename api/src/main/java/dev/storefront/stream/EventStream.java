package dev.storefront.stream;

import dev.storefront.events.EventHistory;
import dev.storefront.events.FeedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One open SSE response. It consumes its event types from the event bus first, holding what
 * arrives; then replays from the table what the client missed (after its last id, up to the feed's
 * position at that moment); then sends the held events above that position, and from then on each
 * live event as it comes: history then live, with no gap and no duplicate. Everything runs on the
 * request's event loop; whatever ends the stream releases its consumers, timers and slot.
 */
final class EventStream {
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
  /** Events written while the write queue is full before the client counts as stalled at once. */
  private static final int MAX_WRITES_WHILE_FULL = 1_000;

  private final StreamHub hub;
  private final StreamKind kind;
  private final RoutingContext rc;
  private final HttpServerResponse response;
  private final Context context;
  private final EventHistory.Filter filter;
  private final Predicate<FeedEvent> accepts;
  private final String ip;
  private final Long userId;
  private final String requestId;
  private final long startNanos = System.nanoTime();
  private final Promise<Void> ended = Promise.promise();
  private List<MessageConsumer<FeedEvent>> consumers = List.of();
  private List<FeedEvent> held = new ArrayList<>();
  private Predicate<FeedEvent> closesOn = e -> false;
  private long lastId;
  private long heartbeatTimer = -1;
  private long stallTimer = -1;
  private int writesWhileFull;
  private long events;
  private String endReason;

  EventStream(StreamHub hub, StreamKind kind, RoutingContext rc, EventHistory.Filter filter,
      Predicate<FeedEvent> accepts, String ip, Long userId, String requestId) {
    this.hub = hub;
    this.kind = kind;
    this.rc = rc;
    this.response = rc.response();
    this.context = Vertx.currentContext();
    this.filter = filter;
    this.accepts = accepts;
    this.ip = ip;
    this.userId = userId;
    this.requestId = requestId;
  }

  /** Events for which the stream ends rather than forwards (a user's sign-in ending). */
  EventStream closingOn(Predicate<FeedEvent> condition) {
    this.closesOn = condition;
    return this;
  }

  /** The headers a stream of {@code kind} starts with, for its GET and its HEAD alike. */
  static HttpServerResponse headers(HttpServerResponse response, StreamKind kind) {
    return response.putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", kind.cacheControl())
        .putHeader("X-Accel-Buffering", "no");
  }

  /** Sends the headers and the retry hint, then history (after {@code resumeAfter}, if not null) and live events. */
  void open(Long resumeAfter) {
    hub.add(this);
    hub.metrics.opened(kind);
    headers(response.setChunked(true).setStatusCode(200), kind);
    response.closeHandler(v -> end("client-closed", null));
    response.exceptionHandler(e -> end("client-closed", null));
    response.write(Buffer.buffer("retry: " + hub.settings.retryMs() + "\n\n"));
    List<MessageConsumer<FeedEvent>> registered = new ArrayList<>();
    for (String type : filter.types()) {
      registered.add(hub.vertx.eventBus().<FeedEvent>localConsumer(FeedEvent.address(type), m -> onLive(m.body())));
    }
    consumers = registered;
    hub.metrics.consumers(registered.size());
    heartbeatTimer = hub.vertx.setPeriodic(hub.settings.heartbeatSeconds() * 1000L, id -> write(HEARTBEAT));
    Future.all(registered.stream().map(MessageConsumer::completion).toList())
        .compose(v -> catchUp(resumeAfter))
        .onSuccess(v -> releaseHeld())
        .onFailure(e -> end("error", null));
  }

  private Future<Void> catchUp(Long resumeAfter) {
    long upTo = hub.feedPosition.getAsLong();
    if (resumeAfter == null) {
      lastId = upTo;
      return Future.succeededFuture();
    }
    int max = hub.settings.replayMaxEvents();
    return hub.history.horizon().compose(horizon -> {
      if (resumeAfter < horizon.prunedThrough() || resumeAfter > horizon.newest()) {
        return Future.succeededFuture(reset(upTo, resumeAfter > horizon.newest() ? "unknown-id" : "expired"));
      }
      return hub.history.between(resumeAfter, upTo, filter, max + 1).map(missed -> {
        if (missed.size() > max) return reset(upTo, "too-many");
        for (FeedEvent event : missed) {
          if (ended.future().isComplete()) return null;
          if (closesOn.test(event)) {
            end("revoked", StreamFrames.revoked());
            return null;
          }
          if (accepts.test(event)) send(event, false);
        }
        lastId = Math.max(resumeAfter, upTo);
        return null;
      });
    });
  }

  /** The client's position is lost: it must refetch what it shows, then follows from here. */
  private Void reset(long upTo, String why) {
    write(StreamFrames.reset(upTo, why));
    lastId = upTo;
    return null;
  }

  private void releaseHeld() {
    List<FeedEvent> waiting = held;
    held = null;
    for (FeedEvent event : waiting) onLive(event);
  }

  private void onLive(FeedEvent event) {
    if (held != null) {
      held.add(event);
      if (held.size() > hub.settings.replayMaxEvents()) end("overflow", null);
      return;
    }
    if (event.id() <= lastId || ended.future().isComplete()) return;
    lastId = event.id();
    if (closesOn.test(event)) end("revoked", StreamFrames.revoked());
    else if (accepts.test(event)) send(event, true);
  }

  private void send(FeedEvent event, boolean live) {
    if (event.frame() == null) return;
    write(event.frame());
    events++;
    hub.metrics.delivered(kind);
    if (live) hub.metrics.lag(System.currentTimeMillis() * 1000 - event.committedAtMicros());
  }

  private void write(Buffer frame) {
    if (ended.future().isComplete()) return;
    response.write(frame);
    if (!response.writeQueueFull()) return;
    // A reader that does not keep up is cut off, never buffered without bound; it resumes by id.
    if (++writesWhileFull > MAX_WRITES_WHILE_FULL) {
      end("stalled", null);
    } else if (stallTimer < 0) {
      stallTimer = hub.vertx.setTimer(hub.settings.stallSeconds() * 1000L, id -> end("stalled", null));
      response.drainHandler(v -> {
        hub.vertx.cancelTimer(stallTimer);
        stallTimer = -1;
        writesWhileFull = 0;
      });
    }
  }

  /** On this stream's event loop: a last frame with a reconnect hint, then the end. */
  Future<Void> shutdown() {
    context.runOnContext(v -> end("shutdown", StreamFrames.shutdown(hub.settings.retryMs())));
    return ended.future();
  }

  private void end(String reason, Buffer lastFrame) {
    if (ended.future().isComplete()) return;
    endReason = reason;
    for (MessageConsumer<FeedEvent> consumer : consumers) consumer.unregister();
    hub.metrics.consumers(-consumers.size());
    consumers = List.of();
    if (heartbeatTimer >= 0) hub.vertx.cancelTimer(heartbeatTimer);
    if (stallTimer >= 0) hub.vertx.cancelTimer(stallTimer);
    if ("stalled".equals(reason) || "overflow".equals(reason) || "error".equals(reason)) {
      abort();
    } else if (!"client-closed".equals(reason)) {
      if (lastFrame != null) response.write(lastFrame);
      response.end();
    }
    hub.limits.release(ip, userId);
    hub.remove(this);
    hub.metrics.ended(kind, reason);
    if (hub.accessLog != null) {
      hub.accessLog.logStream(requestId, kind.route(), (System.nanoTime() - startNanos) / 1_000_000.0, events, reason);
    }
    ended.complete();
  }

  /** Drops what is queued: the connection goes (HTTP/1.1 carries one stream), or just this stream (HTTP/2). */
  private void abort() {
    if (rc.request().version() == HttpVersion.HTTP_2) response.reset();
    else rc.request().connection().close();
  }

  String endReason() {
    return endReason;
  }
}
