package dev.storefront.events;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This pod's reader of the event table: it wakes on the table's NOTIFY channel and at least every
 * {@code pollMs}, reads the rows after its position ({@link FeedCursor} keeps it from skipping an
 * id that commits late) and publishes each to the event bus at {@link FeedEvent#address}. A
 * missed notification or a dropped listener connection costs at most one poll period: the rows
 * are the truth, the notification only a wake-up. All of it runs on this verticle's event loop.
 */
public final class EventFeed extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  private static final String READ_AFTER = SqlFiles.load("events/read-after.sql");
  private static final String START_POSITION = SqlFiles.load("events/start-position.sql");
  private static final String NEW_XID = SqlFiles.load("events/new-xid.sql");
  /** At start, events this recent are read again: one whose transaction was in flight must not be missed. */
  private static final int START_LOOK_BACK_SECONDS = 60;
  private static final int BATCH = 1_000;
  private static final long FAILURE_LOG_EVERY_MS = 10_000;

  private final Pool pool;
  private final PgSubscriber subscriber;
  private final String channel;
  private final long pollMs;
  private final FeedMetrics metrics;
  private FeedCursor cursor;
  private volatile long position;
  private volatile long lastReadMs;
  private boolean reading;
  private boolean wakeAgain;
  private long timerId = -1;
  private boolean stopped;
  private long lastFailureLogMs;

  public EventFeed(Pool pool, PgSubscriber subscriber, String schema, long pollMs, FeedMetrics metrics) {
    this.pool = pool;
    this.subscriber = subscriber;
    this.channel = schema + "_events";
    this.pollMs = pollMs;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    bus.unregisterDefaultCodec(FeedEvent.class);
    bus.registerDefaultCodec(FeedEvent.class, new FeedEvent.Codec());
    subscriber.channel(channel).handler(payload -> wake());
    // Every (re)connection may have missed notifications: read at once.
    subscriber.channel(channel).subscribeHandler(v -> wake());
    subscriber.reconnectPolicy(attempt -> Math.min(5_000L, 100L << Math.min(attempt, 6)));
    subscriber.connect().onFailure(e -> LOG.warn("event listener not connected, polling only: {}", e.toString()));
    return pool.preparedQuery(START_POSITION).execute(Tuple.of(START_LOOK_BACK_SECONDS))
        .compose(rows -> {
          cursor = new FeedCursor(rows.iterator().next().getLong(0));
          position = cursor.position();
          return read();
        });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (timerId >= 0) vertx.cancelTimer(timerId);
    return subscriber.close();
  }

  /** Every event with an id up to this one has been published here, or will never commit. */
  public long position() {
    return position;
  }

  /** When the last successful read started (epoch ms): everything committed before it has been seen. */
  public long lastReadMs() {
    return lastReadMs;
  }

  /** Seconds since the start of the last successful read: how far behind this pod may be. */
  public double lagSeconds() {
    return (System.currentTimeMillis() - lastReadMs) / 1000.0;
  }

  private void wake() {
    if (stopped) return;
    if (reading) {
      wakeAgain = true;
      return;
    }
    if (timerId >= 0) vertx.cancelTimer(timerId);
    timerId = -1;
    read();
  }

  private Future<Void> read() {
    reading = true;
    wakeAgain = false;
    long started = System.currentTimeMillis();
    Promise<Void> done = Promise.promise();
    pool.preparedQuery(READ_AFTER).execute(Tuple.of(cursor.position(), BATCH))
        .compose(rows -> {
          boolean full = publish(rows) == BATCH;
          lastReadMs = Math.max(lastReadMs, started);
          if (!cursor.needsHorizon()) return Future.succeededFuture(full);
          // A new gap: an xid assigned now bounds every transaction that could still fill it;
          // read again at once, as a rolled-back id can then be passed over.
          return pool.preparedQuery(NEW_XID).execute().map(xid -> {
            cursor.horizon(xid.iterator().next().getLong(0));
            return true;
          });
        })
        .onComplete(ar -> {
          reading = false;
          boolean again = false;
          if (ar.succeeded()) {
            again = ar.result();
            if (lastFailureLogMs > 0) LOG.info("event feed reads recovered");
            lastFailureLogMs = 0;
            done.complete();
          } else {
            logFailure(ar.cause());
            done.fail(ar.cause());
          }
          if (stopped) return;
          if (again || wakeAgain) vertx.runOnContext(v -> wake());
          else timerId = vertx.setTimer(pollMs, id -> {
            timerId = -1;
            read();
          });
        });
    return done.future();
  }

  /** Publishes the rows the cursor lets through; returns how many rows were read. */
  private int publish(RowSet<Row> rows) {
    long[] ids = new long[rows.size()];
    Row[] read = new Row[rows.size()];
    long xmin = 0;
    int n = 0;
    for (Row row : rows) {
      xmin = row.getLong("xmin");
      if (row.getLong("id") == null) continue;
      ids[n] = row.getLong("id");
      read[n++] = row;
    }
    int ready = cursor.advance(ids, n, xmin);
    // The position moves before the publish: a stream that registers in between replays the
    // event from the table rather than missing it (see EventStream).
    position = cursor.position();
    metrics.waiting(cursor.waiting());
    EventBus bus = vertx.eventBus();
    for (int i = 0; i < ready; i++) {
      FeedEvent event = FeedEvent.of(read[i]);
      metrics.read(event);
      bus.publish(FeedEvent.address(event.type()), event);
    }
    return n;
  }

  private void logFailure(Throwable failure) {
    long now = System.currentTimeMillis();
    if (now - lastFailureLogMs >= FAILURE_LOG_EVERY_MS) {
      lastFailureLogMs = now;
      LOG.warn("event feed reads failing, {} s behind: {}", Math.round(lagSeconds()), failure.toString());
    }
  }
}
