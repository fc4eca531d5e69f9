package dev.storefront.events;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Reads of past events for streams that resume: what a client missed, and whether it still can be told. */
public final class EventHistory {
  private static final String REPLAY = SqlFiles.load("events/replay.sql");
  private static final String HORIZON = SqlFiles.load("events/horizon.sql");

  /** What a stream may replay: event types, and optionally products or one user. */
  public record Filter(String[] types, Long[] productIds, Long userId) {}

  /** Events up to {@code prunedThrough} may be gone; {@code newest} is the highest id committed. */
  public record Horizon(long prunedThrough, long newest) {}

  private final Pool pool;

  public EventHistory(Pool pool) {
    this.pool = pool;
  }

  public Future<Horizon> horizon() {
    return pool.query(HORIZON).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new Horizon(row.getLong("pruned_through"), row.getLong("newest"));
    });
  }

  /** The matching events with {@code after < id <= upTo}, in id order, at most {@code limit}. */
  public Future<List<FeedEvent>> between(long after, long upTo, Filter filter, int limit) {
    if (upTo <= after) return Future.succeededFuture(List.of());
    return pool.preparedQuery(REPLAY)
        .execute(Tuple.of(after, upTo, filter.types(), filter.productIds(), filter.userId(), limit))
        .map(rows -> {
          List<FeedEvent> events = new ArrayList<>(rows.size());
          for (Row row : rows) events.add(FeedEvent.of(row));
          return events;
        });
  }
}
