package dev.storefront.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listing versions, per category and for the whole catalog (key 0), mirrored from PostgreSQL.
 * PLP cache keys carry the version, so a write that bumps it makes the old pages unreachable at
 * once on the writing instance and within one poll period (under a second) on every other one.
 */
public final class CatalogVersions {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogVersions.class);
  static final int WHOLE_CATALOG = 0;

  private final ProductRepository repository;
  private volatile Map<Integer, Long> versions = Map.of();
  private long timerId = -1;

  public CatalogVersions(ProductRepository repository) {
    this.repository = repository;
  }

  public Future<Void> start(Vertx vertx, long pollMs) {
    return refresh().onSuccess(v -> timerId = vertx.setPeriodic(pollMs, id -> refresh()
        .onFailure(e -> LOG.warn("catalog version poll failed: {}", e.toString()))));
  }

  public void stop(Vertx vertx) {
    if (timerId >= 0) vertx.cancelTimer(timerId);
  }

  public Future<Void> refresh() {
    return repository.versions().map(rows -> {
      Map<Integer, Long> next = new HashMap<>();
      for (Row row : rows) next.put(row.getInteger(0), row.getLong(1));
      merge(next);
      return null;
    });
  }

  /** Takes newer versions only: a poll that started before a write must not roll it back. */
  synchronized void merge(Map<Integer, Long> update) {
    Map<Integer, Long> next = new HashMap<>(versions);
    update.forEach((id, v) -> next.merge(id, v, Math::max));
    versions = Map.copyOf(next);
  }

  /** The version that PLP pages for this category (null = whole catalog) are keyed with. */
  public long versionOf(Integer category) {
    Long v = versions.get(category == null ? WHOLE_CATALOG : category);
    return v != null ? v : versions.getOrDefault(WHOLE_CATALOG, 0L);
  }
}
